// The representative's H5 workbench, opened from WeCom. It signs in with the OAuth code WeCom put on the URL
// (GET /api/wecom/oauth) — or, while WeCom is sandboxed (local mode), with the 沙箱登录 list of representatives
// (/api/sandbox/workbench/…) — then uses the staff API like the console: my queue, a case with its record and the
// resident's history, and the commands the case allows the caller now (its allowedCommands, from the case core);
// a reply's files are uploaded first (POST /api/attachments) and then named by id in the reply. The token lives
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
    // WeCom drops the fragment on its redirect: the case to open came back in the state, behind the server's nonce.
    const opened = (state || '').match(/__cases_([0-9a-f-]{36})$/);
    history.replaceState(null, '', location.pathname + (opened ? '#/cases/' + opened[1] : location.hash));
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

  async function queue() {
    const me = claims(sessionStorage.getItem(TOKEN));
    const page = await api('/cases?representativeId=' + encodeURIComponent(me.rep) + '&size=50');
    const open = page.items.filter(c => c.state !== 'ARCHIVED');
    show(el('h2', {}, '我的诉求（' + open.length + '）'),
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
      throw new Error('最多 9 个附件。');
    }
    const ids = [];
    for (const file of files) {
      const form = new FormData();
      form.append('file', file);
      ids.push((await api('/attachments', { method: 'POST', body: form })).id);
    }
    return ids;
  }

  async function route() {
    try {
      if (!await signIn()) {
        return;
      }
      header();
      const match = location.hash.match(/^#\/cases\/([0-9a-f-]{36})$/);
      await (match ? detail(match[1]) : queue());
    } catch (e) {
      show(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  window.addEventListener('hashchange', route);
  route();
})();
