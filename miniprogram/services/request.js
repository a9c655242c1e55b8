/**
 * The one way the mini-program talks to the backend (wx.request, wx.uploadFile, wx.downloadFile). It
 * adds the resident's session token, signs in (again) when the backend answers 401, and turns
 * problem+json answers into an ApiError whose message a villager can read, with the message for each
 * field at fault in `fieldErrors`.
 */
const { baseUrl } = require('../config/index')
const session = require('./session')

const STATUS_MESSAGES = {
  400: '提交的内容格式有误，请检查后重试',
  401: '登录已失效，请重新进入小程序',
  403: '您没有权限进行此操作',
  404: '没有找到相关内容',
  409: '当前状态下不能进行此操作，请刷新后再试',
  413: '文件太大，请换一张小一些的照片',
  415: '文件类型不支持，请上传照片',
  422: '填写的内容有误',
  429: '操作太频繁，请稍后再试',
}
const SERVER_TROUBLE = '服务暂时不可用，请稍后再试'
const NETWORK_TROUBLE = '网络连接失败，请检查网络后重试'

/** The names residents see for the fields the API may name in `errors`. */
const FIELD_LABELS = {
  text: '反映内容',
  categoryId: '问题类别',
  villageId: '所在村（社区）',
  photoIds: '照片',
  anonymous: '匿名',
  rating: '评价',
  comment: '评价意见',
  reason: '理由',
  code: '授权码',
  file: '照片',
}

/** Bean Validation speaks English; the common cases are said in Chinese, anything else is shown as sent. */
const FIELD_MESSAGES = [
  [/must not be (blank|null|empty)/i, () => '不能为空'],
  [/size must be between (\d+) and (\d+)/i, (m) => `长度应在 ${m[1]} 到 ${m[2]} 之间`],
  [/must be less than or equal to (\d+)/i, (m) => `不能大于 ${m[1]}`],
  [/must be greater than or equal to (\d+)/i, (m) => `不能小于 ${m[1]}`],
  [/wrong type or format/i, () => '格式不正确'],
  [/unknown|does not exist|not found/i, () => '不存在，请重新选择'],
]

class ApiError extends Error {
  constructor({ status, message, title, type, fieldErrors, retryAfter }) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.title = title
    this.type = type
    this.fieldErrors = fieldErrors || {}
    this.retryAfter = retryAfter
  }
}

function hasChinese(text) {
  return typeof text === 'string' && /[\u4e00-\u9fa5]/.test(text)
}

function fieldMessage(message) {
  if (hasChinese(message)) return message
  for (const [pattern, say] of FIELD_MESSAGES) {
    const match = pattern.exec(message || '')
    if (match) return say(match)
  }
  return message || '填写有误'
}

function headerValue(header, name) {
  const wanted = name.toLowerCase()
  const key = Object.keys(header || {}).find((k) => k.toLowerCase() === wanted)
  return key ? header[key] : undefined
}

/** problem+json (or anything else that is not a success) → ApiError with a readable Chinese message. */
function toApiError(statusCode, body, header) {
  const problem = body && typeof body === 'object' ? body : {}
  const fieldErrors = {}
  for (const error of problem.errors || []) {
    // "photoIds[3]" and "photoIds" belong to the same input on the form.
    const field = String(error.field || '').split(/[.[]/)[0]
    if (field && !fieldErrors[field]) fieldErrors[field] = fieldMessage(error.message)
  }
  let message = hasChinese(problem.detail) ? problem.detail
    : hasChinese(problem.title) ? problem.title
      : STATUS_MESSAGES[statusCode] || SERVER_TROUBLE
  let retryAfter
  if (statusCode === 429) {
    retryAfter = parseInt(headerValue(header, 'Retry-After'), 10)
    if (retryAfter > 0) message = `操作太频繁，请 ${retryAfter} 秒后再试`
  }
  // One line per field, unless the backend's own sentence already says it.
  const lines = Object.keys(fieldErrors)
    .filter((f) => !message.includes(fieldErrors[f]))
    .map((f) => `${FIELD_LABELS[f] || f}：${fieldErrors[f]}`)
  if (lines.length) message = [message].concat(lines).join('\n')
  return new ApiError({
    status: statusCode, message, title: problem.title, type: problem.type, fieldErrors, retryAfter,
  })
}

function parseBody(data) {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

/**
 * A wx network call as a promise of {statusCode, data, header}; network failures become an ApiError.
 * `body` reads the answer's data (wx.downloadFile has none: its data is the temp file's path).
 */
function answerOf(wxCall, options, body = (res) => parseBody(res.data)) {
  return new Promise((resolve, reject) => {
    wxCall(Object.assign({}, options, {
      success: (res) => resolve({ statusCode: res.statusCode, data: body(res), header: res.header }),
      fail: () => reject(new ApiError({ status: 0, message: NETWORK_TROUBLE })),
    }))
  })
}

function send({ path, method = 'GET', data, header = {} }) {
  return answerOf((o) => wx.request(o), {
    url: baseUrl() + path,
    method,
    data,
    header: Object.assign({ 'Content-Type': 'application/json' }, header),
  })
}

function sendUpload({ path, filePath, name, header }) {
  return answerOf((o) => wx.uploadFile(o), { url: baseUrl() + path, filePath, name, header })
}

function sendDownload({ path, header }) {
  return answerOf((o) => wx.downloadFile(o), { url: baseUrl() + path, header }, (res) => res.tempFilePath)
}

function unwrap(res) {
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data
  throw toApiError(res.statusCode, res.data, res.header)
}

function wxLoginCode() {
  const failed = () => new ApiError({ status: 0, message: '微信登录失败，请稍后再试' })
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(failed())),
      fail: () => reject(failed()),
    })
  })
}

// Several requests may find the session gone at once; they share one sign-in.
let signingIn = null

/** wx.login → POST /api/mp/login → stored session. */
function login() {
  if (!signingIn) {
    signingIn = wxLoginCode()
      .then((code) => send({ path: '/api/mp/login', method: 'POST', data: { code } }))
      .then(unwrap)
      .then((answer) => session.save(answer))
      .finally(() => {
        signingIn = null
      })
  }
  return signingIn
}

/** An expired token is renewed with the refresh token; when that fails too, the resident signs in again. */
function ensureSession() {
  const current = session.get()
  if (session.isFresh(current)) return Promise.resolve(current)
  if (current && current.refreshToken) {
    return send({ path: '/api/mp/session/refresh', method: 'POST', data: { refreshToken: current.refreshToken } })
      .then(unwrap)
      .then((answer) => session.save(answer))
      .catch(() => login())
  }
  return login()
}

function withAuth(header, current) {
  return Object.assign({}, header, { Authorization: `Bearer ${current.token}` })
}

/**
 * Sends a call with the session token; a 401 (token revoked, server restarted with new keys …) signs in
 * once more and repeats the call once, with the same headers — so an Idempotency-Key goes out unchanged.
 */
function authorized(call) {
  return ensureSession()
    .then((current) => call(current))
    .then((res) => {
      if (res.statusCode !== 401) return res
      session.clear()
      return login().then((fresh) => call(fresh))
    })
    .then(unwrap)
}

/**
 * request({path, method, data, header, auth}) → the answer's body. auth: false for the public
 * endpoints (workstations, villages, categories), which need no sign-in.
 */
function request({ path, method = 'GET', data, header = {}, auth = true }) {
  if (!auth) return send({ path, method, data, header }).then(unwrap)
  return authorized((current) => send({ path, method, data, header: withAuth(header, current) }))
}

/** Uploads one local file (multipart field `name`) with the session token. */
function upload({ path, filePath, name = 'file' }) {
  return authorized((current) => sendUpload({ path, filePath, name, header: withAuth({}, current) }))
}

/**
 * Downloads a file only the resident may see (their photos) with the session token → its local temp path.
 * <image src> sends no Authorization header, so such files are shown from the temp path.
 */
function download({ path }) {
  return authorized((current) => sendDownload({ path, header: withAuth({}, current) }))
}

module.exports = { request, upload, download, login, ensureSession, toApiError, ApiError, FIELD_LABELS }
