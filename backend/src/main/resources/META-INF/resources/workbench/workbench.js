// The representative's H5 workbench, opened from WeCom. It signs in with the OAuth code WeCom put on the URL
// (GET /api/wecom/oauth), then uses the staff API like the console: my queue, a case with its record and the
// resident's history, and the lifecycle commands; a reply's files are uploaded first (POST /api/attachments) and
// then named by id in the reply. The token lives in sessionStorage only, for this tab.
(function () {
  'use strict';
  const view = document.getElementById('view');
  const TOKEN = 'lianxin.workbench.token';

  function esc(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  function claims(token) {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  }

  /** The API; a problem+json answer becomes an Error carrying its detail. A FormData body goes as multipart. */
  async function api(path, options) {
    const token = sessionStorage.getItem(TOKEN);
    const multipart = options && options.body instanceof FormData;
    const headers = multipart ? { Authorization: 'Bearer ' + token } : { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token };
    const response = await fetch('/api' + path, Object.assign({ headers: headers }, options));
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN);
      throw new Error('登录已过期，请从企业微信重新打开工作台。');
    }
    const body = response.status === 204 ? null : await response.json();
    if (!response.ok) {
      const fields = (body && body.errors || []).map(e => e.field + ' ' + e.message).join('；');
      throw new Error((body && body.detail || response.statusText) + (fields ? '（' + fields + '）' : ''));
    }
    return body;
  }

  async function signIn() {
    const params = new URLSearchParams(location.search);
    if (sessionStorage.getItem(TOKEN)) {
      return;
    }
    const code = params.get('code');
    if (!code) {
      const redirect = await fetch('/api/wecom/oauth/authorize-url?state=' + encodeURIComponent(location.hash.replace(/[^A-Za-z0-9_-]/g, '_')));
      if (!redirect.ok) {
        throw new Error('请从企业微信的连心桥应用打开工作台。');
      }
      location.href = (await redirect.json()).url;
      throw new Error('正在跳转到企业微信登录…');
    }
    const response = await fetch('/api/wecom/oauth?code=' + encodeURIComponent(code));
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.detail || '登录失败');
    }
    sessionStorage.setItem(TOKEN, body.token);
    // WeCom drops the fragment on its redirect: the case to open came back in the state.
    const opened = (params.get('state') || '').match(/^__cases_([0-9a-f-]{36})$/);
    history.replaceState(null, '', location.pathname + (opened ? '#/cases/' + opened[1] : location.hash));
  }

  async function queue() {
    const me = claims(sessionStorage.getItem(TOKEN));
    const page = await api('/cases?representativeId=' + encodeURIComponent(me.rep) + '&size=50');
    const open = page.items.filter(c => c.state !== 'ARCHIVED');
    view.innerHTML = '<h2>我的诉求（' + open.length + '）</h2>' + (open.map(c =>
      '<div class="card"><a href="#/cases/' + esc(c.id) + '"><span class="state">' + esc(c.stateLabel) + '</span><b>' + esc(c.number) + '</b>' +
      '<p>' + esc(c.text) + '</p></a></div>').join('') || '<p class="muted">暂无在办诉求。</p>');
  }

  const COMMANDS = {
    REGISTERED: [['sign-for', '签收']],
    RECEIVED: [['handling:ON_THE_SPOT', '当场办理'], ['handling:TIME_LIMITED', '限时办理'], ['handling:ESCALATE_FOR_INSTRUCTION', '请示办理']],
    IN_PROGRESS: [['reply', '答复居民'], ['notes', '记录进展'], ['escalate', '请示']]
  };

  async function detail(id) {
    const [c, record, history, files] = await Promise.all([api('/cases/' + id), api('/cases/' + id + '/activity'),
      api('/cases/' + id + '/resident-history'), api('/cases/' + id + '/attachments')]);
    const buttons = (COMMANDS[c.state] || []).concat(['REGISTERED', 'RECEIVED', 'IN_PROGRESS'].includes(c.state) ? [['transfer', '转办']] : []);
    view.innerHTML =
      '<p><a href="#/">← 我的诉求</a></p>' +
      '<div class="card"><span class="state">' + esc(c.stateLabel) + '</span><b>' + esc(c.number) + '</b><p>' + esc(c.text) + '</p>' +
      (c.reply ? '<p class="muted">已答复：' + esc(c.reply) + (files.length ? '（附件 ' + files.length + ' 个）' : '') + '</p>' : '') + '</div>' +
      '<div class="card"><b>居民</b> ' + esc(history.name || '') + ' <span class="muted">' + esc(history.phone || '') + '</span>' +
      '<ol class="record">' + history.cases.map(h => '<li>' + esc(h.number) + '（' + esc(h.stateLabel) + '）' + esc(h.text) + '</li>').join('') + '</ol></div>' +
      '<div class="card"><b>办理记录</b><ol class="record">' + record.map(a => '<li><span class="muted">' + esc(new Date(a.at).toLocaleString('zh-CN')) +
        ' ' + esc(a.actor) + '</span> ' + esc(a.detail) + '</li>').join('') + '</ol></div>' +
      '<div class="card" id="act">' + buttons.map(b => '<button data-command="' + b[0] + '">' + b[1] + '</button>').join('') +
      '<textarea id="text" rows="3" placeholder="答复、进展、请示内容或转办理由"></textarea>' +
      '<label class="muted">答复附件（可选，最多 9 个图片或 PDF）<input id="files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf"></label>' +
      '<input id="representative" placeholder="转办给（代表编号）" inputmode="numeric">' +
      '<p id="error" class="error"></p></div>';
    document.querySelectorAll('#act button').forEach(b => b.addEventListener('click', () => act(id, b.dataset.command)));
  }

  async function act(id, command) {
    const text = document.getElementById('text').value.trim();
    const [path, handling] = command.split(':');
    const bodies = {
      'sign-for': null,
      handling: { handlingClass: handling },
      reply: { text: text },
      notes: { text: text },
      escalate: { text: text },
      transfer: { representativeId: Number(document.getElementById('representative').value), reason: text }
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
      await signIn();
      document.getElementById('who').textContent = claims(sessionStorage.getItem(TOKEN)).upn || '';
      const match = location.hash.match(/^#\/cases\/([0-9a-f-]{36})$/);
      await (match ? detail(match[1]) : queue());
    } catch (e) {
      view.innerHTML = '<p class="error">' + esc(e.message) + '</p>';
    }
  }

  window.addEventListener('hashchange', route);
  route();
})();
