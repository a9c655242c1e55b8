const { installPlatform, settle, invalid } = require('./support/platform')
const { openPage, tapButton, typeInto, textOf } = require('./support/pages')

const CATEGORIES = [{ id: 1, name: '道路交通' }, { id: 2, name: '供水供电' }]
const VILLAGES = [{ id: 1, name: '东村' }, { id: 2, name: '西村' }, { id: 3, name: '南村' }]

let wx
let backend

beforeEach(() => {
  ({ wx, backend } = installPlatform())
  backend.on('GET', '/api/public/categories', { data: CATEGORIES })
  backend.on('GET', '/api/public/villages', { data: VILLAGES })
  backend.on('GET', '/api/mp/subscriptions', {
    data: { templates: [{ templateId: 'tpl-reply', purpose: 'REPLY', remaining: 0 }] },
  })
  backend.on('GET', '/api/mp/privacy', { data: { version: '2026-12-01', accepted: true } })
})

async function fillForm(page, { text = '村口的路灯坏了三个月了，晚上看不见路', category = 1, village = 0 } = {}) {
  typeInto(page, '.text-field', text)
  page.querySelector('.category-picker').dispatchEvent('change', { detail: { value: category } })
  page.querySelector('.village-picker').dispatchEvent('change', { detail: { value: village } })
  await settle()
}

test('submitting the form sends text, category, village, photos, anonymity and an Idempotency-Key', async () => {
  backend.on('UPLOAD', '/api/mp/uploads', (call) => ({
    statusCode: 201,
    data: { id: `photo-of-${call.filePath}`, contentType: 'image/jpeg', size: 1024, sha256: 'ab' },
  }))
  backend.on('POST', '/api/mp/cases', {
    statusCode: 201, data: { id: 'c-7', number: 'SG-20261127-0007', state: 'REGISTERED', flagged: false },
  })
  const page = await openPage('pages/submit/index')

  await fillForm(page, { category: 1, village: 0 })
  await page.instance.onPhotosChosen({ detail: { file: [{ url: 'wxfile://a.jpg' }, { url: 'wxfile://b.jpg' }] } })
  page.querySelector('.anonymous-switch').querySelector('.van-switch').dispatchEvent('tap')
  await settle()
  tapButton(page, '.submit-button')
  await settle()

  const [sent] = backend.callsTo('POST', '/api/mp/cases')
  expect(sent.data).toEqual({
    text: '村口的路灯坏了三个月了，晚上看不见路',
    categoryId: 2,
    villageId: 1,
    photoIds: ['photo-of-wxfile://a.jpg', 'photo-of-wxfile://b.jpg'],
    anonymous: true,
  })
  expect(sent.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
  expect(sent.header.Authorization).toBe('Bearer token-for-wx-code-1')
  expect(backend.callsTo('UPLOAD', '/api/mp/uploads').map((c) => c.name)).toEqual(['file', 'file'])
  expect(textOf(page)).toContain('编号 SG-20261127-0007')
})

test('the village defaults to the resident\'s own', async () => {
  const page = await openPage('pages/submit/index')
  expect(textOf(page.querySelector('.village-picker'))).toContain('西村')
})

test('an empty text, a missing category and a missing village are named before anything is sent', async () => {
  backend.on('GET', '/api/public/villages', { data: VILLAGES })
  // A resident with no village on file.
  backend.on('POST', '/api/mp/login', {
    data: { token: 't', expiresAt: null, refreshToken: 'r', resident: { id: 'r-2', phoneBound: false, villageId: null } },
  })
  const page = await openPage('pages/submit/index')
  await settle()

  tapButton(page, '.submit-button')
  await settle()

  expect(textOf(page.querySelector('.text-field'))).toContain('请写下您要反映的问题')
  expect(textOf(page.querySelector('.category-error'))).toBe('请选择问题类别')
  expect(textOf(page.querySelector('.village-error'))).toBe('请选择您所在的村（社区）')
  expect(backend.callsTo('POST', '/api/mp/cases')).toHaveLength(0)
})

test('a text over 2000 characters is refused with its length', async () => {
  const page = await openPage('pages/submit/index')
  await fillForm(page, { text: '路'.repeat(2001) })

  tapButton(page, '.submit-button')
  await settle()

  expect(textOf(page.querySelector('.text-field'))).toContain('内容不能超过 2000 字，现在是 2001 字')
  expect(backend.callsTo('POST', '/api/mp/cases')).toHaveLength(0)
})

test('the backend\'s field errors are shown next to the field and in the dialog', async () => {
  backend.on('POST', '/api/mp/cases', invalid([{ field: 'villageId', message: 'must not be null' }]))
  const page = await openPage('pages/submit/index')
  await fillForm(page)

  tapButton(page, '.submit-button')
  await settle()

  expect(textOf(page.querySelector('.village-error'))).toBe('不能为空')
  expect(wx.showModal.mock.calls[0][0].content).toBe('填写的内容有误\n所在村（社区）：不能为空')
})

test('a retried submit reuses its Idempotency-Key, and the next submission gets a new one', async () => {
  let attempts = 0
  backend.on('POST', '/api/mp/cases', () => {
    attempts += 1
    if (attempts === 1) return { networkError: true }
    return { statusCode: 201, data: { id: `c-${attempts}`, number: `SG-${attempts}`, state: 'REGISTERED', flagged: false } }
  })
  const page = await openPage('pages/submit/index')
  await fillForm(page)

  tapButton(page, '.submit-button')
  await settle()
  expect(wx.showModal.mock.calls[0][0].content).toBe('网络连接失败，请检查网络后重试')
  tapButton(page, '.submit-button')
  await settle()
  tapButton(page, '.another-button')
  await settle()
  await fillForm(page, { text: '另一件事：河道里有垃圾' })
  tapButton(page, '.submit-button')
  await settle()

  const keys = backend.callsTo('POST', '/api/mp/cases').map((c) => c.header['Idempotency-Key'])
  expect(keys).toHaveLength(3)
  expect(keys[1]).toBe(keys[0])
  expect(keys[2]).not.toBe(keys[0])
})

test('a form the backend refused gets a new key once corrected, since nothing was registered', async () => {
  let attempts = 0
  backend.on('POST', '/api/mp/cases', () => {
    attempts += 1
    if (attempts === 1) return invalid([{ field: 'text', message: '内容含有不当信息' }])
    return { statusCode: 201, data: { id: 'c-1', number: 'SG-1', state: 'REGISTERED', flagged: false } }
  })
  const page = await openPage('pages/submit/index')
  await fillForm(page)

  tapButton(page, '.submit-button')
  await settle()
  expect(textOf(page.querySelector('.text-field'))).toContain('内容含有不当信息')
  await fillForm(page, { text: '村口的路灯坏了' })
  tapButton(page, '.submit-button')
  await settle()

  const keys = backend.callsTo('POST', '/api/mp/cases').map((c) => c.header['Idempotency-Key'])
  expect(keys).toHaveLength(2)
  expect(keys[1]).not.toBe(keys[0])
})

test('after submitting, the resident is asked for notice consent and the answer goes to the backend', async () => {
  backend.on('POST', '/api/mp/cases', {
    statusCode: 201, data: { id: 'c-8', number: 'SG-8', state: 'REGISTERED', flagged: false },
  })
  backend.on('POST', '/api/mp/subscriptions', { statusCode: 204 })
  wx.requestSubscribeMessage.mockImplementation((options) => {
    setTimeout(() => options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-reply': 'accept' }), 0)
  })
  const page = await openPage('pages/submit/index')
  await fillForm(page)
  tapButton(page, '.submit-button')
  await settle()

  tapButton(page, '.subscribe-button')
  await settle()

  expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tpl-reply'])
  expect(backend.callsTo('POST', '/api/mp/subscriptions')[0].data).toEqual({ results: { 'tpl-reply': 'accept' } })
  expect(textOf(page)).toContain('代表回复后会通知您')
})

test('a rate-limited submit says how long to wait', async () => {
  backend.on('POST', '/api/mp/cases', {
    statusCode: 429, header: { 'Retry-After': '60' },
    data: { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down' },
  })
  const page = await openPage('pages/submit/index')
  await fillForm(page)

  tapButton(page, '.submit-button')
  await settle()

  expect(wx.showModal.mock.calls[0][0].content).toBe('操作太频繁，请 60 秒后再试')
})

test('the first submission shows the privacy notice, records its acceptance, then submits', async () => {
  backend.on('GET', '/api/mp/privacy', { data: { version: '2026-12-01', accepted: false, acceptedAt: null } })
  backend.on('POST', '/api/mp/privacy', { data: { version: '2026-12-01', accepted: true, acceptedAt: '2026-12-01T08:00:00Z' } })
  backend.on('POST', '/api/mp/cases', {
    statusCode: 201, data: { id: 'c-9', number: 'SG-20261201-0009', state: 'REGISTERED', flagged: false },
  })
  const page = await openPage('pages/submit/index')
  await fillForm(page)

  tapButton(page, '.submit-button')
  await settle()
  expect(textOf(page.querySelector('.privacy-notice'))).toContain('每一次查看都有记录')
  expect(backend.callsTo('POST', '/api/mp/cases')).toHaveLength(0)

  tapButton(page, '.accept-notice-button')
  await settle()
  expect(backend.callsTo('POST', '/api/mp/privacy')[0].data).toEqual({ version: '2026-12-01' })
  expect(backend.callsTo('POST', '/api/mp/cases')).toHaveLength(1)
  expect(textOf(page.querySelector('.done-number'))).toContain('SG-20261201-0009')
})
