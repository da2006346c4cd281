import path from 'node:path';

export const FIXTURES_FILE = path.join(process.cwd(), 'e2e', '.fixtures', 'fixtures.json');
export const SCREENSHOTS_DIR = path.join(process.cwd(), 'e2e', 'screenshots');
