const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, textOf } = require('./support/pages')

let wx
let backend

beforeEach(() => {
  ({ wx, backend } = installPlatform())
  backend.on('GET', '/api/mp/me', { data: { id: 'r-1', phoneBound: false, maskedPhone: null, villageId: 2 } })
  backend.on('GET', '/api/public/villages', { data: [{ id: 1, name: '东村' }, { id: 2, name: '西村' }] })
  backend.on('GET', '/api/mp/subscriptions', {
    data: { templates: [{ templateId: 'tpl-reply', purpose: 'REPLY', remaining: 0 }, { templateId: 'tpl-rate', purpose: 'FEEDBACK_PROMPT', remaining: 2 }] },
  })
})

async function openProfile() {
  const page = await openPage('pages/profile/index')
  await page.instance.onShow()
  await settle()
  return page
}

test('binding the WeChat phone number sends the code, shows the masked number and the merge, and keeps the new token', async () => {
  // The backend's PhoneView after a merge: the session now belongs to the resident known by SMS.
  backend.on('POST', '/api/mp/phone', {
    data: {
      maskedPhone: '138****8000',
      merged: true,
      token: 'token-after-merge',
      expiresAt: new Date(Date.now() + 3600 * 1000).toISOString(),
      refreshToken: 'refresh-after-merge',
      resident: { id: 'r-sms', phoneBound: true, maskedPhone: '138****8000', villageId: 1 },
    },
  })
  backend.on('GET', '/api/mp/cases?page=0&size=10', { data: { items: [], page: 0, size: 10, total: 0 } })
  const page = await openProfile()

  page.querySelector('.bind-button').querySelector('.van-button')
    .dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' } })
  await settle()

  expect(backend.callsTo('POST', '/api/mp/phone')[0].data).toEqual({ code: 'phone-code-1' })
  expect(textOf(page.querySelector('.phone'))).toContain('138****8000')
  expect(textOf(page.querySelector('.phone-note'))).toContain('已与您以前用短信反映的问题合并')
  // Later calls carry the token issued for the merged resident.
  const { request } = require('../services/request')
  await request({ path: '/api/mp/cases?page=0&size=10' })
  expect(backend.callsTo('GET', '/api/mp/cases?page=0&size=10')[0].header.Authorization).toBe('Bearer token-after-merge')
  // … and the refresh token and resident of the merged resident, not the replaced ones.
  expect(wx.storage.get('lianxin.session')).toMatchObject({ refreshToken: 'refresh-after-merge', resident: { id: 'r-sms' } })
})

test('binding without a merge keeps the session and shows the number', async () => {
  backend.on('POST', '/api/mp/phone', {
    data: { maskedPhone: '139****0000', merged: false, resident: { id: 'r-1', phoneBound: true, maskedPhone: '139****0000', villageId: 2 } },
  })
  const page = await openProfile()
  const before = wx.storage.get('lianxin.session')

  page.querySelector('.bind-button').querySelector('.van-button')
    .dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'phone-code-2' } })
  await settle()

  expect(textOf(page.querySelector('.phone'))).toContain('139****0000')
  expect(page.querySelector('.phone-note')).toBeUndefined()
  expect(wx.storage.get('lianxin.session')).toMatchObject({ token: before.token, refreshToken: before.refreshToken, resident: { phoneBound: true } })
})

test('signing out revokes the refresh token on the server and forgets the session', async () => {
  backend.on('POST', '/api/mp/logout', { statusCode: 204 })
  const page = await openProfile()
  const { refreshToken } = wx.storage.get('lianxin.session')

  tapButton(page, '.logout-button')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/logout')[0].data).toEqual({ refreshToken })
  expect(wx.storage.has('lianxin.session')).toBe(false)
  expect(wx.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
})

test('declining WeChat\'s phone dialog sends nothing', async () => {
  const page = await openProfile()

  page.querySelector('.bind-button').querySelector('.van-button')
    .dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } })
  await settle()

  expect(backend.callsTo('POST', '/api/mp/phone')).toHaveLength(0)
})

test('notice settings show what is left and ask for more consent', async () => {
  backend.on('POST', '/api/mp/subscriptions', { statusCode: 204 })
  wx.requestSubscribeMessage.mockImplementation((options) => {
    setTimeout(() => options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-reply': 'accept', 'tpl-rate': 'reject' }), 0)
  })
  const page = await openProfile()
  const rows = page.querySelectorAll('.template').map(textOf)
  expect(rows).toEqual(['代表回复通知未开启', '评价提醒还可通知 2 次'])

  tapButton(page, '.subscribe-button')
  await settle()

  expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tpl-reply', 'tpl-rate'])
  expect(backend.callsTo('POST', '/api/mp/subscriptions')[0].data).toEqual(
    { results: { 'tpl-reply': 'accept', 'tpl-rate': 'reject' } })
})

test('choosing a village saves it', async () => {
  backend.on('PUT', '/api/mp/me', (call) => ({ data: { id: 'r-1', phoneBound: false, villageId: call.data.villageId } }))
  const page = await openProfile()

  page.querySelector('.village-picker').dispatchEvent('change', { detail: { value: 0 } })
  await settle()

  expect(backend.callsTo('PUT', '/api/mp/me')[0].data).toEqual({ villageId: 1 })
  expect(textOf(page.querySelector('.village-picker'))).toContain('东村')
})

test('signing out with an expired token revokes the refresh token renewal handed out, not the used one', async () => {
  backend.on('POST', '/api/mp/logout', { statusCode: 204 })
  backend.on('POST', '/api/mp/session/refresh', (call) => ({
    data: {
      token: 'renewed-token',
      expiresAt: new Date(Date.now() + 3600 * 1000).toISOString(),
      refreshToken: `renewed-from-${call.data.refreshToken}`,
      resident: { id: 'r-1', phoneBound: false, maskedPhone: null, villageId: 2 },
    },
  }))
  const page = await openProfile()
  const stored = wx.storage.get('lianxin.session')
  wx.setStorageSync('lianxin.session', Object.assign({}, stored, { expiresAt: new Date(Date.now() - 1000).toISOString() }))

  tapButton(page, '.logout-button')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/session/refresh')[0].data).toEqual({ refreshToken: stored.refreshToken })
  const logout = backend.callsTo('POST', '/api/mp/logout')[0]
  expect(logout.data).toEqual({ refreshToken: `renewed-from-${stored.refreshToken}` })
  expect(logout.header.Authorization).toBe('Bearer renewed-token')
})

test('我的数据与注销 opens the page of what is held', async () => {
  const page = await openProfile()

  page.querySelector('.my-data').querySelector('.van-cell').dispatchEvent('tap')
  await settle()

  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/my-data/index' })
})

test('the booking template is listed as 视频预约提醒 with what it still allows', async () => {
  backend.on('GET', '/api/mp/subscriptions', {
    data: { templates: [{ templateId: 'tpl-reply', purpose: 'REPLY', remaining: 0 }, { templateId: 'tpl-booking', purpose: 'BOOKING', remaining: 1 }] },
  })
  const page = await openProfile()

  expect(page.querySelectorAll('.template').map(textOf)).toEqual(['代表回复通知未开启', '视频预约提醒还可通知 1 次'])
})
