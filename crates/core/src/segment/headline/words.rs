//! The word lists of the headline step, one set per language: function words, and the
//! endings that show a word's part of speech where the language marks it. All are folded
//! with [`LanguageTag::fold`](crate::LanguageTag::fold) and space-separated, so a linguist
//! can read and extend them.

/// One language's lists.
pub(super) struct WordLists {
    /// Words that open sentences and are not names.
    pub(super) starters: &'static str,
    /// Words that cannot end a sentence, so a capital after them belongs to its phrase.
    pub(super) non_final: &'static str,
    /// Starters that make a following capitalised word a name or an honorific.
    pub(super) name_openers: &'static str,
    /// The short words a title-case headline leaves in lower case; empty for languages
    /// whose headlines are not written in title case.
    pub(super) title_case_words: &'static str,
    /// Endings of finite verb forms that end a sentence in a verb-final language and are
    /// not also endings of nouns; empty where the verb does not come last.
    pub(super) final_verb_endings: &'static str,
    /// Adjective endings, where adjectives show by their endings; empty elsewhere.
    pub(super) adjective_endings: &'static str,
    /// The adjective endings of the genitive case.
    pub(super) genitive_adjective_endings: &'static str,
    /// Suffixes of agent nouns that the stemmer leaves on ("voter" from "vote"), looked
    /// for in plurals only.
    pub(super) agent_suffixes: &'static str,
}

pub(super) const RUSSIAN: WordLists = WordLists {
    starters: "а благодаря более в во вот вчера все всё где да два две для до другие \
        другой другая его ее её если ещё еще за затем здесь и из их как когда кроме кто \
        между менее многие мы на наш не несмотря но о об однако один одна одно около он \
        она они оно от перед по после почему пока при сегодня сейчас со согласно среди \
        также там теперь тогда три у уже хотя чтобы что четыре это этот эта эти я пять",
    non_final: "а без в во где для до же за и из изо или к как когда ко который которая \
        которое которые ли между на над не ни но о об обо от перед по под пока поскольку \
        при про с со у через что чтобы чем хотя если",
    name_openers: "его её ее их",
    title_case_words: "",
    final_verb_endings: "",
    adjective_endings: "ый ий ой ая яя ое ее ые ие ого его ому ему ым им ом ем ую юю ых их \
        ыми ими ей",
    genitive_adjective_endings: "ого его ых их",
    agent_suffixes: "",
};

pub(super) const AZERBAIJANI: WordLists = WordLists {
    starters: "amma ancaq artıq beş belə bir bu buna bundan bunun burada bütün bəzi biz \
        daha digər dörd dünən eyni hansı heç hələ hər həm həmin həmçinin ilk indi iki \
        lakin mən necə niyə nə o on ona onlar onu onun orada siz sonra son yəni çox \
        çünki üç ən əgər əvvəl və",
    non_final: "amma bir bu daha deyə dörd beş həm həmin hər iki ilə ki lakin o ya yaxud \
        çox üç üçün ən və",
    name_openers: "onun",
    title_case_words: "",
    // Evidential past ("saxlanılıb", "ediblər"), plural past ("etdilər") and obligation
    // ("artırmalıdır"). Not the present "-ır" or the past "-dı", which also end nouns
    // ("nazir", "brendi", "paytaxtı").
    final_verb_endings: "ıb ib ub üb ıblar iblər ublar üblər dılar dilər dular dülər \
        tılar tilər tular tülər malıdır məlidir",
    adjective_endings: "",
    genitive_adjective_endings: "",
    agent_suffixes: "",
};

pub(super) const ENGLISH: WordLists = WordLists {
    starters: "a after all also although an and another according as at before both \
        but by despite during each earlier eight even every few five for four from he \
        he's her here his how however if in instead it it's its just last later many \
        meanwhile more most much my nine no not now on once one only other our seven \
        several she she's since six so some still such ten that the their then there \
        there's these they they're this those though three today two we we're what \
        when where while who why with yesterday yet you",
    non_final: "a about an and as at between but by for from in into its my of on or \
        our over per than that the their these this those to under via with his her \
        your",
    name_openers: "the his her their your its",
    title_case_words: "a an and as at but by for from in nor of on or the to with",
    final_verb_endings: "",
    adjective_endings: "",
    genitive_adjective_endings: "",
    agent_suffixes: "er r",
};
