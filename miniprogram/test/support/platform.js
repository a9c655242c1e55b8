/**
 * The WeChat platform as the tests see it: the only thing the tests replace. `wx.request`,
 * `wx.uploadFile` and `wx.downloadFile` go to a scripted backend that records every call (method, path,
 * body, headers), so the tests assert on what the mini-program really sent; storage is an in-memory map;
 * the dialogs and the navigation calls are jest functions to assert on.
 */
function createBackend() {
  const routes = []
  const calls = []

  function on(method, path, answer) {
    routes.unshift({ method, path, answer })
  }

  function handle(call) {
    calls.push(call)
    const route = routes.find((r) => r.method === call.method
      && (r.path instanceof RegExp ? r.path.test(call.path) : r.path === call.path))
    if (!route) return { statusCode: 404, data: { title: 'Not Found', status: 404 }, header: {} }
    const answer = typeof route.answer === 'function' ? route.answer(call) : route.answer
    return Object.assign({ statusCode: 200, data: '', header: {} }, answer)
  }

  return {
    on,
    handle,
    calls,
    callsTo: (method, path) => calls.filter((c) => c.method === method && c.path === path),
  }
}

const BASE = 'http://127.0.0.1:8080'

function createWx(backend) {
  const storage = new Map()
  let loginCount = 0
  const later = (fn) => setTimeout(fn, 0)

  function pathOf(url) {
    if (!url.startsWith(BASE)) throw new Error(`request outside the develop base URL: ${url}`)
    return url.slice(BASE.length)
  }

  return {
    storage,
    getAccountInfoSync: () => ({ miniProgram: { envVersion: 'develop', appId: 'touristappid' } }),
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, JSON.parse(JSON.stringify(value))),
    removeStorageSync: (key) => storage.delete(key),
    login: jest.fn((options) => {
      loginCount += 1
      const code = `wx-code-${loginCount}`
      later(() => options.success({ code, errMsg: 'login:ok' }))
    }),
    request: jest.fn((options) => {
      const call = {
        method: options.method || 'GET',
        path: pathOf(options.url),
        data: options.data,
        header: options.header || {},
      }
      later(() => {
        const answer = backend.handle(call)
        if (answer.networkError) options.fail({ errMsg: 'request:fail timeout' })
        else options.success({ statusCode: answer.statusCode, data: answer.data, header: answer.header })
      })
    }),
    uploadFile: jest.fn((options) => {
      const call = {
        method: 'UPLOAD',
        path: pathOf(options.url),
        filePath: options.filePath,
        name: options.name,
        header: options.header || {},
      }
      later(() => {
        const answer = backend.handle(call)
        // wx.uploadFile hands the body over as a string, as the real one does.
        options.success({ statusCode: answer.statusCode, data: JSON.stringify(answer.data), header: answer.header })
      })
    }),
    // A download is routed as method DOWNLOAD; the route's `tempFilePath` is the file WeChat would write.
    downloadFile: jest.fn((options) => {
      const call = { method: 'DOWNLOAD', path: pathOf(options.url), header: options.header || {} }
      later(() => {
        const answer = backend.handle(call)
        if (answer.networkError) options.fail({ errMsg: 'downloadFile:fail timeout' })
        else options.success({ statusCode: answer.statusCode, tempFilePath: answer.tempFilePath, header: answer.header })
      })
    }),
    requestSubscribeMessage: jest.fn(),
    showModal: jest.fn(),
    showToast: jest.fn(),
    navigateTo: jest.fn(),
    setClipboardData: jest.fn((options) => later(() => options.success && options.success({ errMsg: 'setClipboardData:ok' }))),
    switchTab: jest.fn(),
    previewImage: jest.fn(),
    // WeChat's document viewer opens whatever it is given; a test may make it fail.
    openDocument: jest.fn((options) => later(() => options.success({ errMsg: 'openDocument:ok' }))),
    stopPullDownRefresh: jest.fn(),
  }
}

/** Installs a fresh platform as the global `wx` and answers sign-in; returns {wx, backend}. */
function installPlatform() {
  const backend = createBackend()
  const wx = createWx(backend)
  global.wx = wx
  backend.on('POST', '/api/mp/login', (call) => ({
    data: {
      token: `token-for-${call.data.code}`,
      expiresAt: new Date(Date.now() + 3600 * 1000).toISOString(),
      refreshToken: `refresh-for-${call.data.code}`,
      resident: { id: 'r-1', phoneBound: false, maskedPhone: null, villageId: 2 },
    },
  }))
  return { wx, backend }
}

/** The backend's 422 answer as api.Problem.invalid writes it. */
function invalid(errors) {
  return {
    statusCode: 422,
    header: { 'Content-Type': 'application/problem+json' },
    data: {
      type: 'https://lianxin.cn/problems/validation', title: 'Invalid input', status: 422,
      detail: 'Some fields are missing or invalid; see errors.', errors,
    },
  }
}

/** Lets the fake's setTimeout(0) answers and the promise chains behind them run to the end. */
async function settle(rounds = 10) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

module.exports = { installPlatform, settle, invalid }
