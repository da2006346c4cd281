export interface FixtureUser {
  id: string;
  email: string;
}

export interface FixtureOrganisation {
  id: string;
  name: string;
}

/** What the global setup created for this run; read by the tests from a JSON file. */
export interface E2eFixtures {
  password: string;
  users: {
    admin: FixtureUser;
    member: FixtureUser;
    outsider: FixtureUser;
    loner: FixtureUser;
    /** Only for the session specs: they end its sessions and change its password. */
    traveller: FixtureUser;
  };
  organisations: {
    acme: FixtureOrganisation;
    globex: FixtureOrganisation;
    hooli: FixtureOrganisation;
    initech: FixtureOrganisation;
    umbrella: FixtureOrganisation;
  };
  keys: { acmeActive: { id: string; name: string; plaintext: string } };
  /** Accounts only the two-factor specs use, so their 2FA changes touch no other test. */
  twoFactor: {
    users: { enrol: FixtureUser; lock: FixtureUser; guard: FixtureUser; apiAdmin: FixtureUser };
    /** An organisation whose only admin (apiAdmin) turns 2FA on during the tests. */
    organisation: FixtureOrganisation;
    key: { id: string; name: string; plaintext: string };
  };
}
