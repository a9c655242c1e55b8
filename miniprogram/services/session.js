/**
 * The resident's session as the backend issued it, kept in local storage so that it survives the
 * mini-program being closed. Only our own token lives here; WeChat's session_key never reaches the client.
 */
const KEY = 'lianxin.session'

function get() {
  return wx.getStorageSync(KEY) || null
}

/** Stores a login/refresh answer: {token, expiresAt, refreshToken, resident}. */
function save(answer) {
  const session = {
    token: answer.token,
    expiresAt: answer.expiresAt,
    refreshToken: answer.refreshToken,
    resident: answer.resident,
  }
  wx.setStorageSync(KEY, session)
  return session
}

function update(changes) {
  const session = Object.assign({}, get(), changes)
  wx.setStorageSync(KEY, session)
  return session
}

function clear() {
  wx.removeStorageSync(KEY)
}

/** A token past its expiry (with a minute's margin for clock drift) is not worth sending. */
function isFresh(session, now = Date.now()) {
  if (!session || !session.token) return false
  if (!session.expiresAt) return true
  return new Date(session.expiresAt).getTime() - 60 * 1000 > now
}

module.exports = { get, save, update, clear, isFresh }
