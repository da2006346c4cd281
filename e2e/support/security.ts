import type { Page } from '@playwright/test';

/**
 * Collects every Content-Security-Policy violation the page reports, from the DOM event and
 * from the console (Chromium logs blocked inline scripts there), for as long as the page lives.
 */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  void page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void })
        .__reportCspViolation;
      report?.(
        `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI} ` +
          `from ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
  return violations;
}
