// The browser-suite harness: starts the real danvan binary on a fresh SQLite file and a free
// loopback port, launches Debian's Chromium through playwright-core, and gives the tests a
// `visit` that loads a page, checks it with axe-core and saves a full-page screenshot.
//
// It builds nothing: DANVAN_BIN names the binary (default $CARGO_TARGET_DIR/debug/danvan,
// CARGO_TARGET_DIR defaulting to /root/.cache/danvan-target).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { checkPage } = require('./axe');

const E2E_DIR = path.resolve(__dirname, '..');
const ARTIFACTS = path.join(E2E_DIR, 'artifacts');
const TARGET_DIR = process.env.CARGO_TARGET_DIR || '/root/.cache/danvan-target';
const BIN = process.env.DANVAN_BIN || path.join(TARGET_DIR, 'debug', 'danvan');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// Without the background-networking flags Chromium tries to reach Google's services, which the
// closed network here refuses (and which an office PC offline from the internet cannot reach).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `danvan serve --demo` on a fresh database; resolves once /healthz answers. */
async function startServer() {
  if (!fs.existsSync(BIN)) {
    throw new Error(`danvan binary not found at ${BIN}: build it first (cargo build -p danvan) or set DANVAN_BIN`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'danvan-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logPath = path.join(dir, 'server.log');
  const log = fs.openSync(logPath, 'a');
  const env = { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' };
  delete env.DANVAN_DATABASE_URL;
  delete env.DANVAN_FILES_DIR;
  const child = spawn(
    BIN,
    ['serve', '--demo', '--db', `sqlite://${path.join(dir, 'e2e.db')}`, '--bind', `127.0.0.1:${port}`],
    { env, stdio: ['ignore', log, log] },
  );
  let exited = null;
  // However the test process ends (a crash, Ctrl-C, a closed pipe), the server goes with it.
  const killChild = () => {
    if (!exited) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    killChild();
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  };
  process.on('exit', killChild);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) {
      throw new Error(`danvan exited early (${JSON.stringify(exited)}):\n${fs.readFileSync(logPath, 'utf8')}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`danvan did not answer /healthz within 120 s:\n${fs.readFileSync(logPath, 'utf8')}`);
    }
    await sleep(200);
  }
  return {
    base,
    dir,
    logPath,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
        if (!exited) child.kill('SIGKILL');
        for (let i = 0; i < 20 && !exited; i++) await sleep(100);
      }
      fs.closeSync(log);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.copyFileSync(logPath, path.join(ARTIFACTS, 'server.log'));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium; Playwright gives it a fresh temporary --user-data-dir of its own. */
async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_BIN)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

function slug(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
}

/**
 * One test's browser session: a fresh context (its own cookies), with every page it shows
 * checked by axe and screenshotted. `check()` checks the page as it is now (after a click that
 * navigated, or after a form came back with errors).
 */
class Session {
  constructor(env, context, page, name) {
    this.env = env;
    this.context = context;
    this.page = page;
    this.name = slug(name);
    this.shots = 0;
    this.problems = [];
    // A page that answers 4xx is fine when the test expects it (a refused login, a form with
    // errors), so statuses are judged from the responses, not from Chromium's console line.
    page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        this.problems.push(`console error on ${page.url()}: ${m.text()}`);
      }
    });
    page.on('response', (r) => {
      const status = r.status();
      const doc = r.request().resourceType() === 'document';
      if (status >= 500 || (!doc && status >= 400)) {
        this.problems.push(`HTTP ${status} for ${r.request().resourceType()} ${r.url()}`);
      }
    });
    page.on('requestfailed', (r) => {
      this.problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`);
    });
  }

  url(p) {
    return new URL(p, this.env.server.base).href;
  }

  /** Loads `p`, checks it with axe and saves a screenshot; returns the HTTP response. */
  async visit(p, label) {
    const res = await this.page.goto(this.url(p), { waitUntil: 'load' });
    await this.check(label || p);
    return res;
  }

  /** A full-page screenshot in e2e/artifacts (only the viewport with `{ fullPage: false }`). */
  async shot(label, { fullPage = true } = {}) {
    this.shots += 1;
    const file = `${this.name}-${String(this.shots).padStart(2, '0')}-${slug(label)}.png`;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: path.join(ARTIFACTS, file), fullPage });
    return file;
  }

  /** A screenshot of the current page, then axe on it; fails on serious/critical issues. */
  async check(label) {
    await this.page.waitForLoadState('load');
    const t0 = Date.now();
    await this.shot(label);
    const t1 = Date.now();
    this.env.pagesChecked.add(new URL(this.page.url()).pathname);
    await checkPage(this.page, `${label} (${this.page.url()})`);
    this.env.timings.push({ label: `${this.name}: ${label}`, shot: t1 - t0, axe: Date.now() - t1 });
  }

  /** Clicks something that navigates and waits for the new page to load. */
  async clickAndWait(locator) {
    await Promise.all([this.page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  }

  async login(username, password = 'danvan-demo') {
    await this.visit('/', 'login form');
    await this.page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await this.page.getByLabel(/Mật khẩu|Password/).fill(password);
    await this.clickAndWait(this.page.locator('main button[type=submit]'));
  }

  async close() {
    await this.context.close();
    if (this.problems.length) {
      throw new Error(`the browser reported problems:\n  ${this.problems.join('\n  ')}`);
    }
  }
}

/** Starts the server and the browser once for a test file. */
async function setUp() {
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const env = {
    server,
    browser,
    pagesChecked: new Set(),
    timings: [],
    async session(name, options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport || { width: 1366, height: 768 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        ...options.context,
      });
      if (process.env.E2E_CSS_FROM_TREE) {
        // For working on the stylesheet without a rebuild: serve the tree's app.css instead of
        // the one compiled into the binary. CI never sets this.
        const css = path.resolve(E2E_DIR, '..', 'crates', 'web', 'static', 'app.css');
        await context.route('**/static/app.css', (route) =>
          route.fulfill({ path: css, contentType: 'text/css; charset=utf-8' }),
        );
      }
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      const page = await context.newPage();
      return new Session(env, context, page, name);
    },
    async tearDown() {
      try {
        await browser.close();
      } finally {
        await server.stop();
      }
    },
  };
  return env;
}

module.exports = { setUp, ARTIFACTS, BIN };
