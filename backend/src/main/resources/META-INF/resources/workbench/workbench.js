// The representative's H5 workbench, opened from WeCom. It signs in with the OAuth code WeCom put on the URL
// (GET /api/wecom/oauth) — or, while WeCom is sandboxed (local mode), with the 沙箱登录 list of representatives
// (/api/sandbox/workbench/…) — then uses the staff API like the console: my queue, a case with its record and the
// resident's history, and the commands the case allows the caller now (its allowedCommands, from the case core);
// a reply's files are uploaded first (POST /api/attachments) and then named by id in the reply. 记录走访 records a
// visit (POST /api/visits: each issue raised becomes a case assigned to the visitor, or is settled on the spot) and
// 我的回访 lists the revisit tasks (GET /api/revisits) with the case's REVISIT command to record each outcome. The token lives
// in sessionStorage only, for this tab. Every text from the server goes into the page as text nodes, never as HTML.
(function () {
  'use strict';
  const view = document.getElementById('view');
  const TOKEN = 'lianxin.workbench.token';
  const SANDBOX = 'lianxin.workbench.sandbox';
  // The bearer token is the workbench's only credential: a console session cookie of the same site is left out,
  // so it neither authenticates these calls nor trips the console's CSRF check.
  const OMIT = { credentials: 'omit' };
  // The WeCom sign-in alone sends cookies: its state nonce is an HttpOnly cookie (see WorkbenchAuthResource).
  const BOUND = { credentials: 'same-origin' };

  /** An element with attributes (on… are listeners) and children; strings become text nodes. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else if (value !== false && value != null) {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    children.flat().forEach(child => {
      if (child != null && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  function show(...nodes) {
    view.replaceChildren(...nodes.flat());
  }

  function claims(token) {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  }

  /** A problem+json answer's detail, with the fields it names. */
  async function problem(response) {
    const body = await response.json().catch(() => null);
    const fields = (body && body.errors || []).map(e => e.field + ' ' + e.message).join('；');
    return new Error((body && body.detail || response.statusText) + (fields ? '（' + fields + '）' : ''));
  }

  /** The API; a problem+json answer becomes an Error carrying its detail. A FormData body goes as multipart. */
  async function api(path, options) {
    const token = sessionStorage.getItem(TOKEN);
    const multipart = options && options.body instanceof FormData;
    const headers = multipart ? { Authorization: 'Bearer ' + token } : { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token };
    const response = await fetch('/api' + path, Object.assign({ headers: headers }, OMIT, options));
    if (response.status === 401) {
      signOut();
      throw new Error('登录已过期，请重新打开工作台。');
    }
    if (response.status === 404) {
      // The API's answer for a case that does not exist and for one outside the caller's scope alike.
      throw new Error('没有找到这件诉求：它不存在，或不在您可查看的范围内。');
    }
    if (!response.ok) {
      throw await problem(response);
    }
    return response.status === 204 ? null : response.json();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(SANDBOX);
    document.getElementById('who').replaceChildren();
  }

  /**
   * Signs in unless this tab already is: with WeCom's code when WeCom sent us one; else with the sandbox list when
   * the server has one (WeCom sandboxed); else off to WeCom's sign-in. Answers whether a token is held now.
   */
  async function signIn() {
    if (sessionStorage.getItem(TOKEN)) {
      return true;
    }
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    if (code) {
      await exchange(code, params.get('state'));
      return true;
    }
    const sandbox = await fetch('/api/sandbox/workbench/representatives', OMIT);
    if (sandbox.ok) {
      sandboxSignIn(await sandbox.json());
      return false;
    }
    // With the cookie: the answer sets the nonce that binds WeCom's code to this browser.
    const redirect = await fetch('/api/wecom/oauth/authorize-url?state=' + encodeURIComponent(location.hash.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 96)), BOUND);
    if (!redirect.ok) {
      throw new Error('请从企业微信的连心桥应用打开工作台。');
    }
    location.href = (await redirect.json()).url;
    show(el('p', {}, '正在跳转到企业微信登录…'));
    return false;
  }

  async function exchange(code, state) {
    const response = await fetch('/api/wecom/oauth?code=' + encodeURIComponent(code) + '&state=' + encodeURIComponent(state || ''), BOUND);
    if (!response.ok) {
      throw await problem(response);
    }
    sessionStorage.setItem(TOKEN, (await response.json()).token);
    // WeCom drops the fragment on its redirect: the page to open came back in the state, behind the server's nonce
    // (its fragment with every other character as _: #/cases/<id>, #/visits/new, #/revisits).
    const opened = (state || '').match(/__cases_([0-9a-f-]{36})$/);
    const page = (state || '').endsWith('__visits_new') ? '#/visits/new' : (state || '').endsWith('__revisits') ? '#/revisits' : location.hash;
    history.replaceState(null, '', location.pathname + (opened ? '#/cases/' + opened[1] : page));
  }

  /** 沙箱登录: one button per representative, workstation by workstation. */
  function sandboxSignIn(representatives) {
    const error = el('p', { class: 'error', role: 'alert' });
    const groups = new Map();
    representatives.forEach(r => {
      const place = r.town + ' · ' + r.workstation;
      groups.set(place, (groups.get(place) || []).concat([r]));
    });
    show(
      el('section', { class: 'card sandbox', 'aria-labelledby': 'sandbox-title' },
        el('h2', { id: 'sandbox-title' }, el('span', { class: 'badge' }, '沙箱'), ' 沙箱登录'),
        el('p', {}, '仅限本地沙箱环境（企业微信未接入）：选择一位代表，即以其身份登录工作台，与其在企业微信中登录所得权限相同。正式环境没有此入口。')),
      representatives.length ? [...groups].map(([place, reps]) => el('section', { class: 'card' },
        el('h3', {}, place),
        el('ul', { class: 'people' }, reps.map(r => el('li', {},
          el('button', { type: 'button', 'data-representative': r.representativeId, onclick: () => chooseRepresentative(r, error) },
            r.name, r.groupLeader ? '（组长）' : '', el('span', { class: 'muted' }, ' ' + r.username))))))) :
        el('p', { class: 'muted' }, '还没有带员工账号的代表：请先在基础数据中为代表开通账号。'),
      error);
  }

  async function chooseRepresentative(representative, error) {
    try {
      const response = await fetch('/api/sandbox/workbench/sign-in', Object.assign({
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ representativeId: representative.representativeId })
      }, OMIT));
      if (!response.ok) {
        throw await problem(response);
      }
      sessionStorage.setItem(TOKEN, (await response.json()).token);
      sessionStorage.setItem(SANDBOX, representative.name);
      await route();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  /** Who is signed in, and for a sandbox sign-in the way to be someone else. */
  function header() {
    const who = document.getElementById('who');
    const sandboxed = sessionStorage.getItem(SANDBOX);
    who.replaceChildren(sandboxed ? el('span', { class: 'badge' }, '沙箱登录') : '', ' ', sandboxed || claims(sessionStorage.getItem(TOKEN)).upn || '',
      sandboxed ? el('button', { type: 'button', class: 'secondary', id: 'switch', onclick: switchRepresentative }, '切换代表') : '');
  }

  function switchRepresentative() {
    signOut();
    history.replaceState(null, '', location.pathname);
    route();
  }

  /** The workbench's three places: the queue, recording a visit, the revisits. */
  function nav() {
    return el('nav', { class: 'tabs' }, el('a', { href: '#/' }, '我的诉求'), el('a', { href: '#/visits/new', id: 'record-visit' }, '记录走访'),
      el('a', { href: '#/revisits', id: 'my-revisits' }, '我的回访'));
  }

  async function queue() {
    const me = claims(sessionStorage.getItem(TOKEN));
    const page = await api('/cases?representativeId=' + encodeURIComponent(me.rep) + '&size=50');
    const open = page.items.filter(c => c.state !== 'ARCHIVED');
    show(nav(), el('h2', {}, '我的诉求（' + open.length + '）'),
      open.length ? el('ul', { class: 'cases' }, open.map(c => el('li', { class: 'card', 'data-case': c.id },
        el('a', { href: '#/cases/' + c.id }, el('span', { class: 'state' }, c.stateLabel), el('b', {}, c.number), el('p', {}, c.text)))))
        : el('p', { class: 'muted' }, '暂无在办诉求。'));
  }

  const HANDLING = [['handling:ON_THE_SPOT', '当场办理'], ['handling:TIME_LIMITED', '限时办理'], ['handling:ESCALATE_FOR_INSTRUCTION', '请示办理']];
  /** The workbench's buttons for each command the case core may allow (CommandKind); the rest are the console's. */
  const BUTTONS = {
    SIGN_FOR: [['sign-for', '签收']],
    CHOOSE_HANDLING: HANDLING,
    REPLY: [['reply', '答复居民']],
    ADD_NOTE: [['notes', '记录进展']],
    ESCALATE: [['escalate', '请示']],
    TRANSFER: [['transfer', '转办']]
  };

  async function detail(id) {
    const [c, record, history, files] = await Promise.all([api('/cases/' + id), api('/cases/' + id + '/activity'),
      api('/cases/' + id + '/resident-history'), api('/cases/' + id + '/attachments')]);
    show(el('p', {}, el('a', { href: '#/' }, '← 我的诉求')),
      el('section', { class: 'card', id: 'case' }, el('span', { class: 'state' }, c.stateLabel), el('b', {}, c.number), el('p', { class: 'text' }, c.text),
        c.awaitingInstruction ? el('p', { class: 'notice' }, '已请示，等待批复：批复记录后才能答复居民。') : '',
        c.reply ? el('p', { class: 'muted' }, '已答复：' + c.reply + (files.length ? '（附件 ' + files.length + ' 个）' : '')) : ''),
      el('section', { class: 'card' }, el('b', {}, '居民'), ' ', history.name || '', ' ', el('span', { class: 'muted' }, history.phone || ''),
        el('ol', { class: 'record' }, history.cases.map(h => el('li', {}, h.number + '（' + h.stateLabel + '）' + h.text)))),
      el('section', { class: 'card' }, el('b', {}, '办理记录'),
        el('ol', { class: 'record' }, record.map(a => el('li', {},
          el('span', { class: 'muted' }, new Date(a.at).toLocaleString('zh-CN') + ' ' + a.actor), ' ', a.detail || '')))),
      actions(c));
  }

  /** The buttons of the commands the caller may give the case now, and the fields those commands need. */
  function actions(c) {
    const allowed = c.allowedCommands.filter(kind => BUTTONS[kind]);
    const buttons = allowed.flatMap(kind => BUTTONS[kind]);
    if (!buttons.length) {
      return el('section', { class: 'card', id: 'act' }, el('p', { class: 'muted' }, '此诉求当前没有需要您办理的事项。'));
    }
    const needsText = allowed.some(kind => ['REPLY', 'ADD_NOTE', 'ESCALATE', 'TRANSFER'].includes(kind));
    return el('section', { class: 'card', id: 'act' },
      el('div', { class: 'buttons' }, buttons.map(([command, label]) => el('button', { type: 'button', 'data-command': command, onclick: () => act(c.id, command) }, label))),
      needsText ? el('label', { for: 'text' }, '答复、进展、请示内容或转办理由') : '',
      needsText ? el('textarea', { id: 'text', rows: 3, maxlength: 2000 }) : '',
      allowed.includes('REPLY') ? el('label', { for: 'files' }, '答复附件（可选，最多 9 个图片或 PDF）') : '',
      allowed.includes('REPLY') ? el('input', { id: 'files', type: 'file', multiple: true, accept: 'image/jpeg,image/png,image/webp,application/pdf' }) : '',
      allowed.includes('TRANSFER') ? el('label', { for: 'representative' }, '转办给（代表编号）') : '',
      allowed.includes('TRANSFER') ? el('input', { id: 'representative', inputmode: 'numeric' }) : '',
      el('p', { id: 'error', class: 'error', role: 'alert' }));
  }

  function value(id) {
    const field = document.getElementById(id);
    return field ? field.value.trim() : '';
  }

  async function act(id, command) {
    const text = value('text');
    const [path, handling] = command.split(':');
    const bodies = {
      'sign-for': null,
      handling: { handlingClass: handling },
      reply: { text: text },
      notes: { text: text },
      escalate: { text: text },
      transfer: { representativeId: Number(value('representative')), reason: text }
    };
    try {
      if (path === 'reply') {
        // Files are uploaded only for a reply that can go: an empty answer would leave them unused.
        if (!text) {
          throw new Error('请填写答复内容。');
        }
        bodies.reply.attachmentIds = await upload(document.getElementById('files').files);
      }
      await api('/cases/' + id + '/commands/' + path, { method: 'POST', body: bodies[path] === null ? undefined : JSON.stringify(bodies[path]) });
      await detail(id);
    } catch (e) {
      document.getElementById('error').textContent = e.message;
    }
  }

  /** Uploads the chosen files one by one (each is checked and stored on its own) and answers their ids. */
  async function upload(files) {
    if (files.length > 9) {
      throw new Error('最多 9 个文件。');
    }
    const ids = [];
    for (const file of files) {
      const form = new FormData();
      form.append('file', file);
      ids.push((await api('/attachments', { method: 'POST', body: form })).id);
    }
    return ids;
  }

  /** The town's today (UTC+8), as the API's visitedAt wants it. */
  function today() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }

  /** One issue raised on the visit: what, its category, who raised it, and whether it was settled there and then. */
  function issueRow(categories) {
    return el('fieldset', { class: 'issue' },
      el('legend', {}, '反映的问题'),
      el('label', {}, '问题', el('textarea', { class: 'issue-text', rows: 2, maxlength: 2000 })),
      el('label', {}, '类别', el('select', { class: 'issue-category' }, el('option', { value: '' }, '其他（默认类别）'),
        categories.map(c => el('option', { value: c.id }, c.name)))),
      el('label', {}, '反映人（不填即“见了谁”）', el('input', { class: 'issue-name', maxlength: 50 })),
      el('label', {}, '反映人手机（可选）', el('input', { class: 'issue-phone', inputmode: 'tel', maxlength: 32 })),
      el('label', { class: 'inline' }, el('input', { class: 'issue-settled', type: 'checkbox' }), ' 已当场解决（不登记诉求）'));
  }

  const COVERAGE = { NOT_STARTED: '本期未走访', STARTED: '进行中', DONE: '本期已走访', LATE: '逾期' };

  /** 记录走访: the villages are the caller's contact villages (the coverage they answer for). */
  async function visitForm() {
    const [villages, categories] = await Promise.all([api('/visits/coverage'), api('/public/categories')]);
    const issues = el('div', { id: 'issues' });
    show(nav(), el('h2', {}, '记录走访'),
      villages.length ? el('form', { class: 'card', id: 'visit', onsubmit: event => { event.preventDefault(); recordVisit(); } },
        el('label', { for: 'village' }, '走访的村'),
        el('select', { id: 'village' }, villages.map(v => el('option', { value: v.villageId }, v.village + '（' + COVERAGE[v.status] + '）'))),
        el('label', { for: 'visited-at' }, '走访日期'), el('input', { id: 'visited-at', type: 'date', value: today(), max: today() }),
        el('label', { for: 'met-with' }, '见了谁'), el('input', { id: 'met-with', maxlength: 200 }),
        el('label', { for: 'summary' }, '谈了什么'), el('textarea', { id: 'summary', rows: 3, maxlength: 4000 }),
        el('label', { for: 'visit-photos' }, '照片（可选，最多 9 张）'),
        el('input', { id: 'visit-photos', type: 'file', multiple: true, accept: 'image/jpeg,image/png,image/webp' }),
        issues,
        el('button', { type: 'button', class: 'secondary', id: 'add-issue', onclick: () => issues.append(issueRow(categories)) }, '＋ 反映的问题'),
        el('div', {}, el('button', { type: 'submit', id: 'save-visit' }, '保存走访')),
        el('p', { id: 'error', class: 'error', role: 'alert' }))
        : el('p', { class: 'muted' }, '您还没有包联的村：请联系镇人大办在基础数据中设置。'));
  }

  async function recordVisit() {
    const issues = [...document.querySelectorAll('#issues .issue')].map(row => ({
      text: row.querySelector('.issue-text').value.trim(),
      categoryId: Number(row.querySelector('.issue-category').value) || null,
      residentName: row.querySelector('.issue-name').value.trim() || null,
      residentPhone: row.querySelector('.issue-phone').value.trim() || null,
      settled: row.querySelector('.issue-settled').checked
    })).filter(issue => issue.text);
    try {
      // The photos are uploaded like a reply's files, then named by id: the visit takes them in its own transaction.
      const photoIds = await upload(document.getElementById('visit-photos').files);
      const visit = await api('/visits', { method: 'POST', body: JSON.stringify({
        villageId: Number(value('village')), visitedAt: value('visited-at'),
        metWith: value('met-with'), summary: value('summary'), issues: issues, photoIds: photoIds }) });
      const settled = issues.filter(issue => issue.settled).length;
      show(nav(), el('section', { class: 'card', id: 'visit-recorded' }, el('h2', {}, '已记录走访'),
        el('p', {}, '登记诉求 ' + visit.caseIds.length + ' 件，已交由您承办' + (settled ? '；当场解决 ' + settled + ' 件' : '') +
          (visit.photos.length ? '；照片 ' + visit.photos.length + ' 张' : '') + '。'),
        el('ul', { class: 'cases' }, visit.caseIds.map(id => el('li', { 'data-case': id }, el('a', { href: '#/cases/' + id }, '查看诉求'))))));
    } catch (e) {
      document.getElementById('error').textContent = e.message;
    }
  }

  const OUTCOMES = [['CARRIED_OUT', '已落实'], ['NOT_CARRIED_OUT', '未落实'], ['NOT_REACHED', '未联系上']];
  const TASK_STATUS = { DUE: '待回访', OVERDUE: '逾期未回访', DONE: '已回访' };

  /** 我的回访: the caller's revisit tasks, 不满意 first; each open one with the form for its outcome. */
  async function revisits() {
    const me = claims(sessionStorage.getItem(TOKEN));
    const tasks = await api('/revisits?representativeId=' + encodeURIComponent(me.rep));
    show(nav(), el('h2', {}, '我的回访（' + tasks.filter(t => t.status !== 'DONE').length + ' 件待回访）'),
      tasks.length ? el('ul', { class: 'cases' }, tasks.map(revisitTask)) : el('p', { class: 'muted' }, '暂无回访任务。'));
  }

  function revisitTask(t) {
    const done = t.status === 'DONE';
    const outcome = OUTCOMES.find(([kind]) => kind === t.outcome);
    return el('li', { class: 'card', 'data-revisit': t.caseId, 'data-status': t.status },
      el('span', { class: 'state' }, TASK_STATUS[t.status]), el('b', {}, t.number), t.unsatisfied ? el('span', { class: 'badge' }, '不满意') : '',
      el('p', {}, t.text), el('p', { class: 'muted' }, '应回访日期 ' + t.dueOn + (outcome ? '；上次结果：' + outcome[1] : '')),
      done ? '' : el('form', { onsubmit: event => { event.preventDefault(); recordRevisit(t.caseId, event.target); } },
        el('div', { class: 'buttons' }, OUTCOMES.map(([kind, label]) => el('label', { class: 'inline' },
          el('input', { type: 'radio', name: 'outcome', value: kind, required: true }), ' ' + label))),
        el('label', {}, '居民的话', el('textarea', { name: 'text', rows: 2, maxlength: 2000 })),
        el('button', { type: 'submit' }, '记录回访'),
        el('p', { class: 'error', role: 'alert' })));
  }

  async function recordRevisit(caseId, form) {
    try {
      const chosen = form.querySelector('input[name=outcome]:checked');
      if (!chosen) {
        throw new Error('请选择回访结果。');
      }
      await api('/cases/' + caseId + '/commands/revisit', { method: 'POST',
        body: JSON.stringify({ outcome: chosen.value, text: form.querySelector('textarea').value.trim() }) });
      await revisits();
    } catch (e) {
      form.querySelector('.error').textContent = e.message;
    }
  }

  async function route() {
    try {
      if (!await signIn()) {
        return;
      }
      header();
      const match = location.hash.match(/^#\/cases\/([0-9a-f-]{36})$/);
      const pages = { '#/visits/new': visitForm, '#/revisits': revisits };
      await (match ? detail(match[1]) : (pages[location.hash] || queue)());
    } catch (e) {
      show(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  window.addEventListener('hashchange', route);
  route();
})();
