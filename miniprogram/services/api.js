/** One function per backend call the mini-program makes (contract: docs in README.md). */
const {
  request, upload, download, ensureSession,
} = require('./request')
const session = require('./session')

const mp = {
  me: () => request({ path: '/api/mp/me' }),
  chooseVillage: (villageId) => request({ path: '/api/mp/me', method: 'PUT', data: { villageId } })
    .then((resident) => {
      session.update({ resident })
      return resident
    }),
  /**
   * `code` is e.detail.code of <button open-type="getPhoneNumber">. After a merge the session belongs to
   * another resident: the answer's token, expiry and refresh token replace the old ones together.
   */
  bindPhone: (code) => request({ path: '/api/mp/phone', method: 'POST', data: { code } })
    .then((answer) => {
      if (answer.merged) session.save(answer)
      else session.update({ resident: answer.resident })
      return answer
    }),
  /**
   * The backend revokes the refresh token it is given; the short-lived token simply runs out. The token
   * is read after ensureSession, which may have just used up the stored one to renew the session.
   */
  logout: () => ensureSession()
    .then((current) => request({ path: '/api/mp/logout', method: 'POST', data: { refreshToken: current.refreshToken } }))
    .then(() => session.clear()),
  /** The privacy notice in force: {version, acceptedAt, accepted}. */
  privacy: () => request({ path: '/api/mp/privacy' }),
  acceptPrivacy: (version) => request({ path: '/api/mp/privacy', method: 'POST', data: { version } }),
  /** Everything the backend holds about the resident (their right to see it, 个人信息保护法). */
  myData: () => request({ path: '/api/mp/me/data' }),
  /** The resident's own correction of their name (and village, which is sent along unchanged). */
  correct: ({ villageId, name }) => request({ path: '/api/mp/me', method: 'PUT', data: { villageId, name } })
    .then((resident) => {
      session.update({ resident })
      return resident
    }),
  /** Erasure ends the session on the server too: nothing is left to sign in as. */
  erase: () => request({ path: '/api/mp/me/erasure', method: 'POST' }).then((erased) => {
    session.clear()
    return erased
  }),
  uploadPhoto: (filePath) => upload({ path: '/api/mp/uploads', filePath, name: 'file' }),
  /**
   * `url` is a case photo's or a reply attachment's `url` from caseDetail (`/api/mp/uploads/{id}`) → the
   * file's local temp path.
   */
  file: (url) => download({ path: url }),
  /** The key stays the same for every retry of one submission, so the backend registers it only once. */
  submitCase: (form, idempotencyKey) => request({
    path: '/api/mp/cases',
    method: 'POST',
    data: form,
    header: { 'Idempotency-Key': idempotencyKey },
  }),
  /** 公开提问: a case like any other, shown on the 问答 board once moderated → { caseId, number, status, flagged }. */
  askInPublic: (form, idempotencyKey) => request({
    path: '/api/mp/questions',
    method: 'POST',
    data: form,
    header: { 'Idempotency-Key': idempotencyKey },
  }),
  /** My public questions: moderation status, what is public, the answer and my verdict on it. */
  myQuestions: () => request({ path: '/api/mp/questions' }),
  /** Did the published answer answer my question? */
  verdict: (caseId, answered) => request({
    path: `/api/mp/questions/${encodeURIComponent(caseId)}/verdict`, method: 'POST', data: { answered },
  }),
  myCases: (page, size) => request({ path: `/api/mp/cases?page=${page}&size=${size}` }),
  caseDetail: (id) => request({ path: `/api/mp/cases/${encodeURIComponent(id)}` }),
  rate: (id, rating, comment) => request({
    path: `/api/mp/cases/${encodeURIComponent(id)}/feedback`, method: 'POST', data: { rating, comment },
  }),
  reopen: (id, reason) => request({
    path: `/api/mp/cases/${encodeURIComponent(id)}/reopen`, method: 'POST', data: { reason },
  }),
  /** 政策: the policies for my village, newest first, `read` once opened. */
  policies: () => request({ path: '/api/mp/policies' }),
  /** Opening a policy records that I read it. */
  policy: (id) => request({ path: `/api/mp/policies/${encodeURIComponent(id)}` }),
  /** 我有疑问 → { caseId, number, representative }; one key for every retry of one question, like submitCase. */
  askAboutPolicy: (id, text, idempotencyKey) => request({
    path: `/api/mp/policies/${encodeURIComponent(id)}/questions`,
    method: 'POST',
    data: { text },
    header: { 'Idempotency-Key': idempotencyKey },
  }),
  subscriptions: () => request({ path: '/api/mp/subscriptions' }),
  saveSubscriptions: (results) => request({ path: '/api/mp/subscriptions', method: 'POST', data: { results } }),
  /** 预约视频: free reception slots between two days (YYYY-MM-DD), times with the town's offset. */
  slots: (from, to) => request({ path: `/api/mp/slots?from=${from}&to=${to}` }),
  hold: (representativeId, startsAt) => request({
    path: '/api/mp/bookings/holds', method: 'POST', data: { representativeId, startsAt },
  }),
  releaseHold: (holdId) => request({ path: `/api/mp/bookings/holds/${encodeURIComponent(holdId)}/release`, method: 'POST' }),
  book: (holdId, topic) => request({ path: '/api/mp/bookings', method: 'POST', data: { holdId, topic } }),
  myBookings: () => request({ path: '/api/mp/bookings' }),
  cancelBooking: (id) => request({ path: `/api/mp/bookings/${encodeURIComponent(id)}/cancel`, method: 'POST' }),
  reschedule: (id, holdId) => request({
    path: `/api/mp/bookings/${encodeURIComponent(id)}/reschedule`, method: 'POST', data: { holdId },
  }),
}

const publicInfo = {
  workstations: () => request({ path: '/api/public/workstations', auth: false }),
  workstation: (id) => request({ path: `/api/public/workstations/${encodeURIComponent(id)}`, auth: false }),
  villages: () => request({ path: '/api/public/villages', auth: false }),
  categories: () => request({ path: '/api/public/categories', auth: false }),
  /** 问答: published questions, newest first, with their published answers. */
  questions: (page, size) => request({ path: `/api/public/questions?page=${page}&size=${size}`, auth: false }),
}

module.exports = { mp, publicInfo }
