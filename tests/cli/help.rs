use dragoman_tests::run;

#[test]
fn help_lists_what_users_do_and_no_benchmarks() {
    let out = run(&["--help"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let commands: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(commands.contains(&"tm"), "{}", out.stdout);
    // The harness is `dragoman-bench`, a binary of its own.
    assert!(!commands.contains(&"bench"), "{}", out.stdout);
}
