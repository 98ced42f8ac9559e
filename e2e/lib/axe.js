// axe-core in the page: injected through the DevTools protocol (page.evaluate), so the page's
// strict Content Security Policy stays in force and is not weakened for the test.
'use strict';

const axe = require('axe-core');

const FAILING = new Set(['serious', 'critical']);

function describe(v) {
  const targets = v.nodes.map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`);
  return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${targets.join('\n')}`;
}

/** Runs axe on the page; throws listing every serious or critical violation. */
async function checkPage(page, label) {
  const injected = await page.evaluate(() => typeof window.axe === 'object');
  if (!injected) await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  );
  const failing = results.violations.filter((v) => FAILING.has(v.impact));
  const minor = results.violations.filter((v) => !FAILING.has(v.impact));
  if (minor.length && process.env.E2E_AXE_VERBOSE) {
    console.log(`axe (not failing) on ${label}:\n${minor.map(describe).join('\n')}`);
  }
  if (failing.length) {
    throw new Error(`axe: ${failing.length} serious/critical violation(s) on ${label}:\n${failing.map(describe).join('\n')}`);
  }
  return results;
}

module.exports = { checkPage };
