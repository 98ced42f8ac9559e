// The staff flows in a real browser, on the real binary with the demo data. Every page a test
// shows is checked by axe-core (no serious or critical violation) and saved as a full-page
// screenshot in e2e/artifacts/.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { setUp, ARTIFACTS } = require('../lib/harness');

const ADMIN = 'admin';
const PROVINCE = 'tinh.canbo';
const COMMUNE = 'xa00004.canbo1';

// Recorded by the form test, moved through its workflow and searched for by the later ones.
const SUBJECT = 'Đề nghị sửa đường làng bị sạt lở sau mưa lũ';
const CONTENT = 'Đoạn đường liên thôn dài khoảng 200 mét bị sạt lở, xe máy không đi qua được.';
const PETITIONER = 'Nguyễn Văn Thử';
let recorded = null;

let env;
before(async () => {
  env = await setUp();
});
after(async () => {
  if (env) {
    console.log(`e2e: ${env.pagesChecked.size} distinct pages checked with axe: ${[...env.pagesChecked].sort().join(' ')}`);
    const slow = [...env.timings].sort((a, b) => b.shot + b.axe - (a.shot + a.axe)).slice(0, 5);
    console.log(`e2e: slowest checks: ${slow.map((t) => `${t.label} (screenshot ${t.shot} ms, axe ${t.axe} ms)`).join('; ')}`);
    await env.tearDown();
  }
});

/** Runs `fn` with a fresh browser session, closing it (and reporting page errors) after. */
async function withSession(name, fn, options) {
  const s = await env.session(name, options);
  try {
    await fn(s, s.page);
  } finally {
    await s.close();
  }
}

function today() {
  const d = new Date(Date.now() + 7 * 3600 * 1000); // Vietnam, UTC+7
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

test('log in: a wrong password is refused in Vietnamese; the right one opens the unit browser', async () => {
  await withSession('login', async (s, page) => {
    await s.visit('/', 'login form');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.getByLabel('Tên đăng nhập').fill(ADMIN);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await s.clickAndWait(page.getByRole('button', { name: 'Đăng nhập' }));
    await s.check('wrong password');
    const alert = page.getByRole('alert');
    assert.match(await alert.innerText(), /Sai tên đăng nhập hoặc mật khẩu/);
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), ADMIN, 'the username is kept');

    await page.getByLabel('Mật khẩu').fill('danvan-demo');
    await s.clickAndWait(page.getByRole('button', { name: 'Đăng nhập' }));
    await s.check('home (admin)');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('header').innerText(), /Đang đăng nhập/);
    assert.equal(await page.getByRole('button', { name: 'Đăng xuất' }).count(), 1);

    // A unit page and the unit search without diacritics.
    await s.visit('/units/2025/01', 'unit page');
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Hà Nội/);
    await s.visit('/units?q=', 'unit search form');
    await page.getByLabel(/Tìm đơn vị/).fill('phuong ba dinh');
    await s.clickAndWait(page.getByRole('button', { name: 'Tìm', exact: true }));
    await s.check('unit search');
    assert.ok(await page.getByRole('link', { name: 'Phường Ba Đình' }).count() > 0, 'Phường Ba Đình found without diacritics');

    // The topic taxonomy, which only an admin edits.
    await s.visit('/admin/topics', 'topics');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Danh mục lĩnh vực đơn thư');
  });
});

test('keyboard: the first Tab shows the skip link, and focused controls have a visible outline', async () => {
  await withSession('keyboard', async (s, page) => {
    await s.visit('/', 'login form');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { cls: el.className, text: el.textContent, inView: r.left >= 0 && r.top >= 0 && r.width > 0 };
    });
    assert.equal(skip.cls, 'skip');
    assert.ok(skip.inView, 'the focused skip link is on screen');
    await s.check('skip link focused');
    const username = page.getByLabel('Tên đăng nhập');
    await username.focus();
    const outline = await username.evaluate((el) => {
      const st = getComputedStyle(el);
      return { style: st.outlineStyle, width: parseFloat(st.outlineWidth) };
    });
    assert.notEqual(outline.style, 'none', 'a focused input shows an outline');
    assert.ok(outline.width >= 2, `outline at least 2px wide (got ${outline.width})`);
  });
});

test('record a petition: Vietnamese errors next to the fields, values kept, then saved', async () => {
  await withSession('petition-form', async (s, page) => {
    await s.login(COMMUNE);
    await s.visit('/petitions/new', 'empty form');
    assert.equal(await page.getByLabel(/^Ngày nhận/).inputValue(), today(), 'received today by default');
    await page.getByLabel('Loại đơn').selectOption('feedback');
    await page.getByLabel('Trích yếu').fill('');
    await page.getByLabel('Nội dung').fill(CONTENT);
    await page.getByLabel('Họ và tên người viết đơn').fill(PETITIONER);
    await page.getByLabel(/Số CCCD/).fill('12345');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Địa chỉ').fill('Tổ dân phố số 1, Phường Ba Đình');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('form with errors');

    assert.match(await page.getByRole('alert').innerText(), /Chưa lưu được/);
    // Each error sits right after its field and is tied to it for screen readers.
    for (const [id, re] of [['cccd', /CCCD/], ['subject', /Hãy nhập trích yếu/]]) {
      const error = page.locator(`#${id} + .field-error`);
      assert.equal(await error.count(), 1, `an error next to #${id}`);
      assert.match(await error.innerText(), re);
      assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator(`#${id}`).getAttribute('aria-describedby'), `${id}-error`);
    }
    assert.equal(await page.locator('#content + .field-error').count(), 0, 'no error on a good field');
    // What was typed is still there.
    assert.equal(await page.getByLabel('Nội dung').inputValue(), CONTENT);
    assert.equal(await page.getByLabel('Họ và tên người viết đơn').inputValue(), PETITIONER);
    assert.equal(await page.getByLabel(/Số CCCD/).inputValue(), '12345');
    assert.equal(await page.getByLabel('Số điện thoại').inputValue(), '0912 345 678');

    await page.getByLabel('Trích yếu').fill(SUBJECT);
    await page.getByLabel(/Số CCCD/).fill('001085012345');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('saved petition');
    const m = new URL(page.url()).pathname.match(/^\/petitions\/([^/]+)$/);
    assert.ok(m, `redirected to the case page (at ${page.url()})`);
    recorded = decodeURIComponent(m[1]);
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), new RegExp(SUBJECT));
    assert.match(await page.locator('dl.facts').innerText(), /Đã tiếp nhận/);
  });
});

/** The status shown in the case facts. */
async function caseStatus(page) {
  return (await page.locator('dl.facts dd').first().innerText()).trim();
}

/** The names of the next steps offered on the case page. */
async function offeredSteps(page) {
  return page.locator('.steps form strong').allInnerTexts();
}

test('move the petition through its workflow on the case page', async () => {
  assert.ok(recorded, 'needs the petition recorded by the form test');
  await withSession('workflow', async (s, page) => {
    await s.login(COMMUNE);
    await s.visit(`/petitions/${encodeURIComponent(recorded)}`, 'received');
    assert.deepEqual(await offeredSteps(page), ['Xử lý đơn', 'Rút đơn']);

    const step = async (name, fill) => {
      const form = page.locator('.steps form').filter({ has: page.getByRole('button', { name, exact: true }) });
      if (fill) await fill(form);
      await s.clickAndWait(form.getByRole('button', { name, exact: true }));
      await s.check(`after ${name}`);
      assert.equal(await page.getByRole('alert').count(), 0, `no error after "${name}"`);
    };

    await step('Xử lý đơn');
    assert.equal(await caseStatus(page), 'Đang xử lý đơn');
    assert.deepEqual(await offeredSteps(page), ['Thụ lý', 'Chuyển đơn', 'Hướng dẫn công dân', 'Lưu đơn', 'Rút đơn']);

    await step('Thụ lý', (f) => f.getByLabel('Mức độ phức tạp').selectOption('normal'));
    assert.equal(await caseStatus(page), 'Đã thụ lý');
    assert.match(await page.locator('dl.facts').innerText(), /Hạn giải quyết/);

    await step('Giao giải quyết', (f) => f.getByLabel('Tên đăng nhập người giải quyết').fill(COMMUNE));
    assert.equal(await caseStatus(page), 'Đang giải quyết');
    assert.ok((await offeredSteps(page)).includes('Giải quyết'));

    // Resolving cannot be undone: the form asks for a confirmation and will not submit without it.
    const resolve = page.locator('.steps form').filter({ has: page.getByRole('button', { name: 'Giải quyết', exact: true }) });
    const confirm = resolve.getByLabel(/Xác nhận bước này/);
    assert.equal(await confirm.isChecked(), false);
    await resolve.getByLabel('Ghi chú, lý do').fill('Đã sửa xong đoạn đường');
    await resolve.getByRole('button', { name: 'Giải quyết', exact: true }).click();
    assert.equal(await confirm.evaluate((el) => el.validity.valueMissing), true, 'the unconfirmed step is held back');
    assert.equal(await caseStatus(page), 'Đang giải quyết', 'nothing happened without the confirmation');
    await step('Giải quyết', (f) => f.getByLabel(/Xác nhận bước này/).check());
    assert.equal(await caseStatus(page), 'Đã giải quyết');

    await step('Thông báo kết quả');
    assert.equal(await caseStatus(page), 'Đã thông báo cho công dân');
    await step('Kết thúc hồ sơ', (f) => f.getByLabel(/Xác nhận bước này/).check());
    assert.equal(await caseStatus(page), 'Kết thúc');
    assert.equal(await page.locator('.steps').count(), 0, 'a closed case offers no further step');

    const timeline = await page.getByRole('table').last().innerText();
    for (const s of ['Tiếp nhận đơn', 'Xử lý đơn', 'Thụ lý', 'Giao giải quyết', 'Giải quyết', 'Thông báo kết quả', 'Kết thúc hồ sơ']) {
      assert.ok(timeline.includes(s), `the timeline shows "${s}"`);
    }
  });
});

test('find the petition in the list, searching without diacritics', async () => {
  assert.ok(recorded, 'needs the petition recorded by the form test');
  await withSession('petition-list', async (s, page) => {
    await s.login(COMMUNE);
    await s.visit('/petitions', 'petition list');
    assert.ok(await page.getByRole('link', { name: recorded, exact: true }).count() > 0, 'the new petition is listed');

    await page.getByLabel(/Tìm trong nội dung/).fill('sua duong lang sat lo');
    await s.clickAndWait(page.getByRole('button', { name: 'Lọc' }));
    await s.check('search without diacritics');
    assert.match(page.url(), /q=sua/);
    const rows = page.locator('main table tbody tr');
    assert.ok(await rows.count() >= 1);
    assert.ok(await page.getByRole('link', { name: recorded, exact: true }).count() > 0, 'found by the folded subject');
    assert.equal(await page.getByLabel(/Tìm trong nội dung/).inputValue(), 'sua duong lang sat lo', 'the query is kept');

    await page.getByLabel(/Tìm trong nội dung/).fill('nguyen van thu');
    await s.clickAndWait(page.getByRole('button', { name: 'Lọc' }));
    assert.ok(await page.getByRole('link', { name: recorded, exact: true }).count() > 0, 'found by the petitioner name');

    await page.getByLabel(/Tìm trong nội dung/).fill('khongcotukhoanay');
    await s.clickAndWait(page.getByRole('button', { name: 'Lọc' }));
    await s.check('no match');
    assert.match(await page.locator('main').innerText(), /Không có đơn nào/);

    // The same list on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await s.visit('/petitions', 'petition list on a phone');
    await s.shot('petition list on a phone, first screen', { fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page fits a phone's width (overflows by ${overflow}px)`);
  });
});

test('the dashboard counts a newly recorded petition; the list exports to XLSX and CSV', async () => {
  await withSession('dashboard-export', async (s, page) => {
    await s.login(COMMUNE);
    const openCount = async () => Number((await page.locator('a.kpi[href="/petitions?open=true"] .kpi-n').innerText()).replace(/\./g, ''));
    await s.visit('/', 'dashboard before');
    const before = await openCount();

    const subject = 'Phản ánh rác thải tồn đọng tại chợ Ngọc Hà';
    await s.visit('/petitions/new', 'form');
    await page.getByLabel('Trích yếu').fill(subject);
    await page.getByLabel('Nội dung').fill('Rác thải tồn đọng nhiều ngày ở cổng chợ, gây mùi hôi.');
    await page.getByLabel('Họ và tên người viết đơn').fill('Hoàng Thị Thu');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('saved');
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

    await s.visit('/', 'dashboard after');
    assert.equal(await openCount(), before + 1, 'one more open petition on the dashboard');
    const activity = page.locator('section', { has: page.getByRole('heading', { name: 'Hoạt động gần đây' }) });
    assert.ok(await activity.getByRole('link', { name: code, exact: true }).count() >= 1, 'the new petition is in the recent activity');

    await s.visit(`/petitions?q=${encodeURIComponent('rac thai cho ngoc ha')}`, 'list to export');
    for (const [name, check] of [
      ['Excel (XLSX)', (buf) => assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip file')],
      ['CSV', (buf) => assert.ok(buf.toString('utf8').includes(code), 'the CSV lists the petition')],
    ]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
      const file = path.join(ARTIFACTS, `export-${download.suggestedFilename()}`);
      await download.saveAs(file);
      const buf = fs.readFileSync(file);
      assert.ok(buf.length > 0, `${name}: a file came back`);
      check(buf);
    }
  });
});

test('the demo cases: an overdue one, a denunciation with its denouncer hidden, an unknown code', async () => {
  await withSession('demo-cases', async (s, page) => {
    await s.login(PROVINCE);
    await s.visit('/petitions?overdue=true', 'overdue petitions');
    const overdue = page.locator('main table tbody tr a').first();
    assert.ok(await overdue.count() === 1, 'the demo data has overdue petitions');
    await s.clickAndWait(overdue);
    await s.check('an overdue case');
    assert.equal(await page.locator('dl.facts .late').count(), 1, 'the missed deadline is marked');

    await s.visit('/petitions?kind=denunciation', 'denunciations');
    await s.clickAndWait(page.locator('main table tbody tr a').first());
    await s.check('a denunciation');
    assert.match(await page.locator('main').innerText(), /Danh tính người tố cáo được bảo mật/);

    const res = await s.visit('/petitions/DT0000-KHONGCO', 'unknown petition');
    assert.equal(res.status(), 404);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Không thực hiện được');
    assert.ok((await page.getByRole('alert').innerText()).length > 0, 'a Vietnamese message says why');
  });
});

test('petition statistics for the province', async () => {
  await withSession('stats', async (s, page) => {
    await s.login(PROVINCE);
    await s.visit('/petitions/stats', 'statistics');
    // The unit picker narrows the units by name typed without diacritics.
    const picker = page.getByRole('searchbox', { name: 'Gõ tên đơn vị để lọc (không cần dấu)' });
    await picker.fill('ba dinh');
    assert.equal(await page.locator('#unit option:checked').innerText(), 'Phường Ba Đình');
    await s.check('unit picker');
    await picker.fill('');
    await page.locator('#unit').selectOption('2025/01');
    const table = page.locator('main table').first();
    assert.match(await table.innerText(), /Tổng số đơn nhận/);
    const received = await table.locator('tr', { hasText: 'Tổng số đơn nhận' }).locator('td').last().innerText();
    assert.match(received, /^[\d.]+$/, `a count in Vietnamese digits (got "${received}")`);
    if (recorded) assert.ok(Number(received.replace(/\./g, '')) >= 1, 'the recorded petition counts');
    assert.ok(await page.getByRole('heading', { name: 'Theo loại đơn' }).count() === 1);

    await page.getByLabel('Từ ngày').fill('31/02/2025');
    await s.clickAndWait(page.getByRole('button', { name: 'Xem' }));
    await s.check('statistics with a bad date');
    assert.equal(await page.getByRole('alert').count(), 1, 'a bad date is reported');
    assert.equal(await page.getByLabel('Từ ngày').inputValue(), '31/02/2025', 'the typed date is kept');
  });
});

test('reception sessions: the list, and recording a session', async () => {
  await withSession('receptions', async (s, page) => {
    await s.login(COMMUNE);
    await s.visit('/receptions', 'reception list');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Tiếp công dân');
    await page.getByLabel(/^Ngày tiếp/).fill('31/13/2026');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('reception form with a bad date');
    assert.equal(await page.getByRole('alert').count(), 1, 'a bad date is reported');

    await page.getByLabel(/^Ngày tiếp/).fill(today());
    await page.getByLabel('Người tiếp', { exact: true }).fill('Trần Thị Lan');
    await page.getByLabel('Chức vụ').fill('Chủ tịch UBND phường');
    await page.getByLabel('Số lượt công dân').fill('3');
    // A double click sends the form once.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Lưu' }).dblclick()]);
    await s.check('reception session');
    assert.match(new URL(page.url()).pathname, /^\/receptions\/\d+$/);
    const facts = await page.locator('dl.facts').innerText();
    assert.match(facts, /Trần Thị Lan/);
    assert.match(facts, /Chủ tịch UBND phường/);
    assert.match(await page.locator('main').innerText(), /Buổi tiếp không ghi nhận vụ việc nào/, 'an empty list says so');

    await s.visit('/receptions', 'reception list after');
    assert.equal(await page.locator('main table tbody tr', { hasText: 'Trần Thị Lan' }).count(), 1, 'recorded once');
    // Found again by the receiver's name typed without diacritics.
    await page.getByLabel(/^Tìm theo người tiếp/).fill('tran thi lan');
    await s.clickAndWait(page.getByRole('button', { name: 'Lọc' }));
    await s.check('reception list searched');
    assert.equal(await page.locator('main table tbody tr').count(), 1, 'only that session');
  });
});

test('reception sessions: a matter raised becomes a petition', async () => {
  await withSession('reception-matters', async (s, page) => {
    await s.login(COMMUNE);
    await s.visit('/receptions', 'reception list');
    await page.getByLabel(/^Ngày tiếp/).fill(today());
    await page.getByLabel('Người tiếp', { exact: true }).fill('Phạm Quốc Huy');
    await page.getByLabel('Chức vụ').fill('Phó Chủ tịch UBND phường');
    await page.getByLabel('Số lượt công dân').fill('2');
    await page.getByLabel(/Vụ việc công dân nêu/).fill('Đề nghị lắp đèn chiếu sáng ngõ 12\nPhản ánh tiếng ồn công trình ban đêm');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('reception session with matters');
    assert.match(new URL(page.url()).pathname, /^\/receptions\/\d+$/);
    const matters = page.locator('main ul li');
    assert.equal(await matters.count(), 2);

    await s.clickAndWait(matters.first().getByRole('link', { name: 'Chuyển thành đơn' }));
    await s.check('petition form from a matter');
    assert.equal(await page.getByLabel('Nội dung').inputValue(), 'Đề nghị lắp đèn chiếu sáng ngõ 12', 'the matter is filled in');
    assert.equal(await page.getByLabel(/^Ngày nhận/).inputValue(), today());
    await page.getByLabel('Trích yếu').fill('Lắp đèn chiếu sáng ngõ 12');
    await page.getByLabel('Họ và tên người viết đơn').fill('Lê Văn Minh');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('petition from a matter');
    assert.match(new URL(page.url()).pathname, /^\/petitions\/[^/]+$/);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

    await s.visit('/receptions', 'reception list after');
    await s.clickAndWait(page.locator('main table tbody tr', { hasText: 'Phạm Quốc Huy' }).first().getByRole('link'));
    await s.check('reception session after');
    assert.equal(await page.getByRole('link', { name: code, exact: true }).count(), 1, 'the matter links to its petition');
  });
});

test('a dialogue: recorded with its opinions, a miscount flagged, one opinion answered', async () => {
  await withSession('dialogue', async (s, page) => {
    await s.login(COMMUNE);
    await s.visit('/meetings/new', 'meeting form');
    await page.getByLabel('Loại hội nghị').selectOption('dialogue_periodic');
    await page.getByLabel('Cơ quan tổ chức').fill('Đảng ủy, UBND phường Ba Đình');
    await page.getByLabel('Người chủ trì', { exact: true }).fill('Trần Văn Bí');
    await page.getByLabel('Chức vụ người chủ trì').fill('Bí thư Đảng ủy phường');
    await page.getByLabel(/^Ngày tiếp/).fill(today());
    await page.getByLabel('Nội dung, chủ đề').fill('Đối thoại về bồi thường đường vành đai 1');
    await page.getByLabel(/^Số đại biểu/).fill('120');
    // Hand-made counts that do not add up: 1 + 1 is not 3.
    await page.getByLabel('Tổng số lượt ý kiến').fill('3');
    await page.getByLabel('Ý kiến tổng hợp từ cơ sở').fill('1');
    await page.getByLabel('Ý kiến nêu trực tiếp tại hội nghị').fill('1');
    await page.getByLabel('Ý kiến, kiến nghị').fill('Đề nghị công khai đơn giá bồi thường\nĐề nghị bố trí tái định cư tại chỗ');
    await s.clickAndWait(page.getByRole('button', { name: 'Lưu' }));
    await s.check('meeting recorded');
    assert.match(new URL(page.url()).pathname, /^\/meetings\/\d+$/);
    assert.equal(await page.getByRole('status').count(), 1, 'the miscount is shown as a warning');
    // Dated today, it is recorded as held straight away; a planned one is held first.
    const hold = page.getByRole('button', { name: 'Ghi nhận đã tổ chức' });
    if (await hold.count()) {
      await s.clickAndWait(hold);
      await s.check('meeting held');
    }
    assert.match(await page.locator('dl.facts').innerText(), /Đã tổ chức/);
    const first = page.locator('main table tbody tr', { hasText: 'công khai đơn giá' });
    await first.getByLabel('Kết quả').selectOption('answered_at_meeting');
    await s.clickAndWait(first.getByRole('button', { name: 'Lưu' }));
    await s.check('opinion answered');
    const row = page.locator('main table tbody tr', { hasText: 'công khai đơn giá' });
    assert.match(await row.innerText(), /Trả lời trực tiếp tại hội nghị/);
    assert.match(await row.innerText(), /Đã xử lý xong/);
    const other = page.locator('main table tbody tr', { hasText: 'tái định cư' });
    await other.getByLabel('Kết quả').selectOption('answer_in_writing');
    await other.getByLabel('Cơ quan trả lời, giải quyết').fill('Ban bồi thường, giải phóng mặt bằng');
    await s.clickAndWait(other.getByRole('button', { name: 'Lưu' }));
    await s.check('opinion to answer in writing');
    assert.match(await page.locator('main table tbody tr', { hasText: 'tái định cư' }).innerText(), /Hạn trả lời/);
    await s.visit('/follow-up', 'follow-up worklist');
    // The worklist runs nearest deadline first, a page at a time: its search box finds the new one.
    await page.getByLabel('Tìm theo nội dung ý kiến').fill('bo tri tai dinh cu tai cho');
    await s.clickAndWait(page.getByRole('button', { name: 'Lọc' }));
    await s.check('follow-up worklist searched');
    assert.ok(await page.getByText('Đề nghị bố trí tái định cư tại chỗ').count() >= 1, 'the written answer waits in the worklist');
  });
});

test('a periodic report: figures with their records, a bad period refused, the PDF downloaded', async () => {
  await withSession('report', async (s, page) => {
    await s.login(PROVINCE);
    await s.visit('/reports', 'report form');
    await page.getByLabel('Kỳ báo cáo').fill('2025-12-31..2025-01-01');
    await s.clickAndWait(page.getByRole('button', { name: 'Xem' }));
    await s.check('report with a bad period');
    assert.match(await page.getByRole('alert').innerText(), /Kỳ báo cáo không hợp lệ/);

    await page.locator('#unit').selectOption('2025/01');
    await page.getByLabel('Kỳ báo cáo').fill('2025');
    await s.clickAndWait(page.getByRole('button', { name: 'Xem' }));
    await s.check('province report 2025');
    const row = page.locator('main table tr', { hasText: 'Tổng số đơn thư tiếp nhận' }).first();
    assert.match(await row.innerText(), /[\d.]+ đơn/);
    assert.match(await page.locator('main').innerText(), /theo địa giới cũ/, 'the note on the 2025 reform');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF', exact: true }).click()]);
    const file = path.join(ARTIFACTS, `report-${download.suggestedFilename()}`);
    await download.saveAs(file);
    assert.equal(fs.readFileSync(file).subarray(0, 4).toString('latin1'), '%PDF');

    // The figure links to the petitions behind it.
    await s.clickAndWait(row.locator('a').first());
    await s.check('records behind a figure');
    assert.ok(new URL(page.url()).pathname === '/petitions');
    assert.ok(await page.locator('main table tbody tr').count() >= 1, 'the petitions behind the figure are listed');
  });
});

test('the pages of the other records pass axe: models, documents, movements, democracy, GPMB, issues', async () => {
  await withSession('records', async (s, page) => {
    await s.login(PROVINCE);
    for (const [path, label, heading] of [
      ['/dvk', 'models', /Dân vận khéo/],
      ['/dvk/stats', 'model statistics', /Dân vận khéo/],
      ['/dvk/showcase', 'showcase', /Dân vận khéo/],
      ['/directives', 'directives', /văn bản/i],
      ['/movements', 'movements', /phong trào/i],
      ['/ordered-tasks', 'ordered tasks', /đặt hàng/i],
      ['/democracy/disclosures', 'disclosures', /công khai/i],
      ['/democracy/compliance', 'disclosure compliance', /công khai/i],
      ['/democracy/decisions', 'resident decisions', /quyết định/i],
      ['/gpmb', 'gpmb projects', /mặt bằng|GPMB/i],
      ['/situation', 'issues', /vấn đề|tình hình/i],
      ['/meetings?inconsistent=true', 'meetings whose figures do not add up', /Hội nghị/],
    ]) {
      const res = await s.visit(path, label);
      assert.equal(res.status(), 200, `${path} opens`);
      assert.match(await page.locator('main').innerText(), heading, `${path} shows its records`);
    }
    // The search boxes take words without diacritics, on every record list.
    for (const [path, label] of [
      ['/meetings?q=DOI+THOAI', 'meetings searched without diacritics'],
      ['/dvk?q=van+dong+nhan+dan', 'models searched without diacritics'],
      ['/movements?q=moi+nguoi+dan', 'movements searched without diacritics'],
      ['/ordered-tasks?q=ban+giao+mat+bang', 'ordered tasks searched without diacritics'],
      ['/gpmb?q=vanh+dai', 'gpmb projects searched without diacritics'],
      ['/democracy/decisions?q=be+tong+hoa', 'resident decisions searched without diacritics'],
      ['/supervisions?q=uy+ban+mttq', 'supervisions searched without diacritics'],
      ['/directives?from=01/01/2020&q=ke+hoach', 'directives searched without diacritics'],
    ]) {
      await s.visit(path, label);
      assert.ok(await page.locator('main table tbody tr').count() >= 1, `${path} finds records`);
      assert.equal(await page.locator('#f-q').inputValue(), new URL(s.url(path)).searchParams.get('q'));
    }
    // A dated list's date header flips the order, keeping the search; the header says which way.
    await s.visit('/democracy/decisions?q=be+tong+hoa', 'resident decisions, newest first');
    const header = page.locator('main th[aria-sort]').first();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    await s.clickAndWait(header.getByRole('link'));
    await s.check('resident decisions, oldest first');
    assert.equal(new URL(page.url()).searchParams.get('sort'), 'oldest');
    assert.equal(await page.locator('#f-q').inputValue(), 'be tong hoa');
    assert.equal(await page.locator('main th[aria-sort]').first().getAttribute('aria-sort'), 'ascending');
    // A document's and a disclosure's own pages, with their files (the lists were checked above;
    // here they only give a link).
    for (const [list, prefix, label, heading] of [
      ['/directives?from=01/01/2020', '/directives/', 'a directive with its files', /Tệp văn bản/],
      ['/democracy/disclosures', '/democracy/disclosures/', 'a disclosure with its files', /Tệp công khai/],
    ]) {
      await page.goto(s.url(list), { waitUntil: 'load' });
      const href = await page.locator(`main table a[href^="${prefix}"]`).first().getAttribute('href');
      assert.ok(href, `${list} links to a record's page`);
      await s.visit(href, label);
      assert.match(await page.locator('main').innerText(), heading);
    }
    // A GPMB project's own page, with its households.
    await s.visit('/gpmb', 'gpmb list again');
    const project = page.locator('main a[href^="/gpmb/"]').first();
    if (await project.count() === 1) {
      await s.clickAndWait(project);
      await s.check('a gpmb project');
    }
  });
});

test('a "Dân vận khéo" model: a renamed file is refused beside the file control, a PDF is uploaded, listed and downloaded', async () => {
  await withSession('model-files', async (s, page) => {
    await s.login(PROVINCE);
    await s.visit('/dvk', 'models for files');
    await s.clickAndWait(page.locator('main table a[href^="/dvk/"]').first());
    await s.check('a model with its files');
    const files = page.locator('section', { has: page.getByRole('heading', { name: 'Tệp minh chứng' }) });
    const before = await files.locator('li').count();

    await page.getByLabel(/Chọn tệp/).setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
    await s.clickAndWait(files.getByRole('button', { name: 'Tải lên' }));
    await s.check('a model with a refused file');
    assert.match(await page.locator('#rf-file-error').innerText(), /Không lưu được tệp:.*chỉ nhận PDF/);
    assert.equal(await page.getByLabel(/Chọn tệp/).getAttribute('aria-describedby'), 'rf-file-error');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    await page.getByLabel(/Chọn tệp/).setInputFiles({ name: 'Biên bản hiến đất.pdf', mimeType: 'application/pdf', buffer: pdf });
    await s.clickAndWait(files.getByRole('button', { name: 'Tải lên' }));
    await s.check('a model with an uploaded file');
    assert.equal(await page.locator('#rf-file-error').count(), 0, 'no error after a good file');
    assert.equal(await files.locator('li').count(), before + 1, 'the file is listed');
    const link = files.getByRole('link', { name: 'Biên bản hiến đất.pdf' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'Biên bản hiến đất.pdf');
    const file = path.join(ARTIFACTS, 'model-evidence.pdf');
    await download.saveAs(file);
    assert.deepEqual(fs.readFileSync(file), pdf);
  });
});

test('switch the language to English and back', async () => {
  await withSession('language', async (s, page) => {
    await s.login(PROVINCE);
    await s.clickAndWait(page.getByRole('link', { name: 'English' }));
    await s.check('english home');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok(await page.getByRole('navigation').getByRole('link', { name: 'Petitions', exact: true }).count() === 1);
    await s.visit('/petitions', 'english petitions');
    await s.visit('/petitions/new', 'english form');
    assert.ok(await page.getByRole('button', { name: 'Save' }).count() === 1);
    await s.visit('/petitions/stats', 'english stats');
    await s.visit('/receptions', 'english receptions');
    if (recorded) {
      await s.visit(`/petitions/${encodeURIComponent(recorded)}`, 'english case page');
      assert.ok(await page.getByRole('heading', { name: 'Case details' }).count() === 1);
      // The case's coded values (status, kind, channel, topic) read in English too.
      assert.match(await page.locator('dl.facts').innerText(), /Closed|Received|Being processed|In resolution/);
      assert.ok(await page.getByRole('table').getByText('Receive', { exact: true }).count() >= 1, 'timeline steps in English');
    }

    await s.clickAndWait(page.getByRole('link', { name: 'Tiếng Việt' }));
    await s.check('back in vietnamese');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.ok(await page.getByRole('navigation').getByRole('link', { name: 'Đơn thư', exact: true }).count() === 1);
    if (recorded) {
      await s.visit(`/petitions/${encodeURIComponent(recorded)}`, 'case page in vietnamese');
      assert.equal(await page.locator('dl.facts dd').first().getAttribute('lang'), null, 'no lang override on a Vietnamese page');
    }
  });
});

test('log out: the session ends and the pages ask for a login again', async () => {
  await withSession('logout', async (s, page) => {
    await s.login(PROVINCE);
    await s.clickAndWait(page.getByRole('button', { name: 'Đăng xuất' }));
    await s.check('logged out');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Đăng nhập');
    await s.visit('/petitions', 'petitions after logout');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Đăng nhập', 'sent back to the login form');
    assert.equal(await page.getByRole('button', { name: 'Đăng xuất' }).count(), 0);
  });
});
