import { describe, expect, it } from 'vitest';
import { withUser } from './sync.svelte';

describe('withUser', () => {
  it('puts the user into a URL without one', () => {
    expect(withUser('postgres://db.example:5432/translation', 'anna')).toBe('postgres://anna@db.example:5432/translation');
    expect(withUser('postgresql://db.example', 'anna')).toBe('postgresql://anna@db.example');
  });

  it('keeps the user a URL names', () => {
    expect(withUser('postgres://bahram@db.example/t', 'anna')).toBe('postgres://bahram@db.example/t');
  });

  it('does not take an @ in the query for a user', () => {
    expect(withUser('postgres://db.example/t?application_name=a@b', 'anna')).toBe(
      'postgres://anna@db.example/t?application_name=a@b',
    );
  });

  it('adds user= to a key=value string, quoted when it must be', () => {
    expect(withUser('host=/run/postgresql dbname=t', 'anna')).toBe('host=/run/postgresql dbname=t user=anna');
    expect(withUser('host=/run/postgresql', "o'neil x")).toBe("host=/run/postgresql user='o\\'neil x'");
    expect(withUser('host=/run/postgresql user=bahram', 'anna')).toBe('host=/run/postgresql user=bahram');
  });

  it('leaves the string as typed without a user', () => {
    expect(withUser(' postgres://db.example/t ', '  ')).toBe('postgres://db.example/t');
  });
});
