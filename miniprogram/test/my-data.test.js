const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, typeInto, textOf } = require('./support/pages')

let wx
let backend

const HELD = {
  resident: { id: 'r-1', name: '张三', villageId: 2, village: '西村', maskedPhone: '138****8000' },
  bindings: { wechat: true, phone: true },
  cases: [{ id: 'c-1', number: 'SG-20261201-0001', text: '路灯坏了' }, { id: 'c-2', number: 'SG-20261201-0002', text: '水渠堵了' }],
  messages: [{ text: '您反映的问题已登记' }],
  smsReceived: [],
  photos: [{ id: 'p-1' }],
  consents: { subscribeMessages: [{ templateId: 'tpl-reply', remaining: 1 }, { templateId: 'tpl-rate', remaining: 0 }] },
  readBy: [{ at: '2026-12-01T08:30:00Z', actor: 'liaison1', action: 'CASE_READ' }],
}

beforeEach(() => {
  ({ wx, backend } = installPlatform())
  backend.on('GET', '/api/mp/me/data', { data: HELD })
})

async function openMyData() {
  const page = await openPage('pages/my-data/index')
  await settle()
  return page
}

test('shows what is held and who looked at the cases', async () => {
  const page = await openMyData()

  expect(textOf(page.querySelector('.count-cases'))).toContain('2 件')
  expect(textOf(page.querySelector('.count-messages'))).toContain('1 条')
  expect(textOf(page.querySelector('.count-photos'))).toContain('1 张')
  expect(textOf(page.querySelector('.count-consents'))).toContain('1 项')
  expect(textOf(page.querySelector('.village'))).toContain('西村')
  expect(textOf(page.querySelector('.read'))).toContain('liaison1 查看了诉求')
  expect(page.querySelector('.no-reads')).toBeUndefined()
})

test('correcting the name sends it with the village unchanged', async () => {
  backend.on('PUT', '/api/mp/me', (call) => ({ data: { id: 'r-1', villageId: call.data.villageId, name: call.data.name } }))
  const page = await openMyData()

  typeInto(page, '.name-field', '张三丰')
  tapButton(page, '.save-name-button')
  await settle()

  expect(backend.callsTo('PUT', '/api/mp/me')[0].data).toEqual({ villageId: 2, name: '张三丰' })
  expect(wx.storage.get('lianxin.session').resident).toMatchObject({ name: '张三丰' })
})

test('erasure asks first, then erases, forgets the session and leaves the page', async () => {
  backend.on('POST', '/api/mp/me/erasure', { data: { residentId: 'r-1', cases: 2, photos: 1, messages: 1 } })
  wx.showModal.mockImplementation((options) => options.success({ confirm: true }))
  const page = await openMyData()

  tapButton(page, '.erase-button')
  await settle()

  expect(wx.showModal.mock.calls[0][0].content).toContain('无法恢复')
  expect(backend.callsTo('POST', '/api/mp/me/erasure')).toHaveLength(1)
  expect(wx.storage.has('lianxin.session')).toBe(false)
  expect(wx.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
})

test('erasure is not asked for when the resident thinks again', async () => {
  backend.on('POST', '/api/mp/me/erasure', { data: {} })
  wx.showModal.mockImplementation((options) => options.success({ confirm: false }))
  const page = await openMyData()

  tapButton(page, '.erase-button')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/me/erasure')).toHaveLength(0)
  expect(wx.storage.has('lianxin.session')).toBe(true)
})
