const { installPlatform, invalid } = require('./support/platform')

let wx
let backend
let request
let session

beforeEach(() => {
  ({ wx, backend } = installPlatform())
  jest.isolateModules(() => {
    request = require('../services/request')
    session = require('../services/session')
  })
})

test('signs in with wx.login before the first call and sends the token', async () => {
  backend.on('GET', '/api/mp/me', { data: { id: 'r-1', villageId: 2 } })

  const me = await request.request({ path: '/api/mp/me' })

  expect(me).toEqual({ id: 'r-1', villageId: 2 })
  expect(backend.callsTo('POST', '/api/mp/login')[0].data).toEqual({ code: 'wx-code-1' })
  expect(backend.callsTo('GET', '/api/mp/me')[0].header.Authorization).toBe('Bearer token-for-wx-code-1')
})

test('a 401 signs in again once and repeats the call with the new token and the same headers', async () => {
  session.save({ token: 'revoked', expiresAt: new Date(Date.now() + 3600e3).toISOString(), refreshToken: 'r' })
  backend.on('POST', '/api/mp/cases', (call) => (call.header.Authorization === 'Bearer revoked'
    ? { statusCode: 401, data: { type: 'about:blank', title: 'Unauthorized', status: 401 } }
    : { statusCode: 201, data: { id: 'c-1', number: 'SG-1', state: 'REGISTERED', flagged: false } }))

  const created = await request.request({
    path: '/api/mp/cases', method: 'POST', data: { text: 'x' }, header: { 'Idempotency-Key': 'k-1' },
  })

  expect(created.number).toBe('SG-1')
  expect(wx.login).toHaveBeenCalledTimes(1)
  const calls = backend.callsTo('POST', '/api/mp/cases')
  expect(calls.map((c) => c.header.Authorization)).toEqual(['Bearer revoked', 'Bearer token-for-wx-code-1'])
  expect(calls.map((c) => c.header['Idempotency-Key'])).toEqual(['k-1', 'k-1'])
  expect(session.get().token).toBe('token-for-wx-code-1')
})

test('a second 401 after signing in again is reported, not looped on', async () => {
  backend.on('GET', '/api/mp/me', { statusCode: 401, data: { title: 'Unauthorized', status: 401 } })

  await expect(request.request({ path: '/api/mp/me' })).rejects.toMatchObject({
    status: 401, message: '登录已失效，请重新进入小程序',
  })
  expect(backend.callsTo('GET', '/api/mp/me')).toHaveLength(2)
})

test('a bad wx.login code (401 at login) is said in Chinese', async () => {
  backend.on('POST', '/api/mp/login', {
    statusCode: 401, data: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: '微信登录凭证无效，请重新打开小程序' },
  })

  await expect(request.request({ path: '/api/mp/me' })).rejects.toMatchObject({
    status: 401, message: '微信登录凭证无效，请重新打开小程序',
  })
})

test('an expired token is renewed with the refresh token instead of signing in', async () => {
  session.save({ token: 'old', expiresAt: new Date(Date.now() - 1000).toISOString(), refreshToken: 'refresh-1' })
  backend.on('POST', '/api/mp/session/refresh', (call) => ({
    data: { token: `renewed-${call.data.refreshToken}`, expiresAt: new Date(Date.now() + 3600e3).toISOString(), refreshToken: 'refresh-2', resident: { id: 'r-1' } },
  }))
  backend.on('GET', '/api/mp/me', { data: { id: 'r-1' } })

  await request.request({ path: '/api/mp/me' })

  expect(wx.login).not.toHaveBeenCalled()
  expect(backend.callsTo('GET', '/api/mp/me')[0].header.Authorization).toBe('Bearer renewed-refresh-1')
})

test('problem+json with field errors becomes one readable message and a message per field', async () => {
  backend.on('POST', '/api/mp/cases', invalid([
    { field: 'photoIds[9]', message: 'size must be between 0 and 9' },
    { field: 'text', message: 'must not be blank' },
  ]))

  const error = await request.request({ path: '/api/mp/cases', method: 'POST', data: {} }).catch((e) => e)

  expect(error).toBeInstanceOf(request.ApiError)
  expect(error.status).toBe(422)
  expect(error.fieldErrors).toEqual({ photoIds: '长度应在 0 到 9 之间', text: '不能为空' })
  expect(error.message).toBe('填写的内容有误\n照片：长度应在 0 到 9 之间\n反映内容：不能为空')
})

test('a Chinese detail from the backend (content refused) is shown as it is', async () => {
  backend.on('POST', '/api/mp/cases', {
    statusCode: 422,
    data: { title: 'Content refused', status: 422, detail: '内容含有不当信息，请修改后再提交', errors: [{ field: 'text', message: '内容含有不当信息' }] },
  })

  const error = await request.request({ path: '/api/mp/cases', method: 'POST', data: {} }).catch((e) => e)

  expect(error.message).toBe('内容含有不当信息，请修改后再提交')
})

test('public calls go out without a token and without signing in', async () => {
  backend.on('GET', '/api/public/villages', { data: [{ id: 1, name: '东村' }] })

  await request.request({ path: '/api/public/villages', auth: false })

  expect(wx.login).not.toHaveBeenCalled()
  expect(backend.callsTo('GET', '/api/public/villages')[0].header.Authorization).toBeUndefined()
})

test('the base URL follows the environment WeChat reports', () => {
  let config
  jest.isolateModules(() => {
    config = require('../config/index')
  })
  wx.getAccountInfoSync = () => ({ miniProgram: { envVersion: 'release' } })
  expect(config.baseUrl()).toBe(config.BASE_URLS.release)
  wx.getAccountInfoSync = () => ({ miniProgram: { envVersion: 'trial' } })
  expect(config.baseUrl()).toBe(config.BASE_URLS.trial)
})
