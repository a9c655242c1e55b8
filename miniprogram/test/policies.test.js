const { installPlatform, settle } = require('./support/platform')
const {
  openPage, textOf, tapButton, typeInto,
} = require('./support/pages')

let wx
let backend

beforeEach(() => {
  ({ wx, backend } = installPlatform())
})

// The backend's PolicyFeed.PolicyItem and PolicyFeed.Policy.
const FEED = [
  { id: 'p-2', title: '城乡居民医保缴费', summary: '缴费时间和标准', publishedAt: '2026-12-02T03:00:00Z', read: false },
  { id: 'p-1', title: '秋收补贴', summary: '申报材料', publishedAt: '2026-11-20T02:00:00Z', read: true },
]
const POLICY = {
  id: 'p-2',
  title: '城乡居民医保缴费',
  summary: '缴费时间和标准',
  body: '即日起至12月31日，可在村委会或手机上缴费。',
  attachmentIds: [],
  publishedAt: '2026-12-02T03:00:00Z',
  representatives: ['王芳', '陈明'],
  faq: [],
}

test('the feed lists my village\'s policies newest first, the unread one marked, and opens one', async () => {
  backend.on('GET', '/api/mp/policies', { data: FEED })
  const page = await openPage('pages/policies/index')
  await page.instance.onShow()
  await settle()

  const cards = page.querySelectorAll('.policy')
  expect(cards).toHaveLength(2)
  expect(textOf(cards[0])).toContain('未读')
  expect(textOf(cards[0])).toContain('城乡居民医保缴费')
  expect(textOf(cards[1])).not.toContain('未读')
  cards[0].dispatchEvent('tap')
  await settle()
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/policy/index?id=p-2' })
})

test('订阅新政策提醒 asks WeChat for the policy template only and records the answer', async () => {
  backend.on('GET', '/api/mp/policies', { data: FEED })
  backend.on('GET', '/api/mp/subscriptions', {
    data: {
      templates: [
        { templateId: 'tpl-reply', purpose: 'REPLY', remaining: 0 },
        { templateId: 'tpl-policy', purpose: 'POLICY', remaining: 0 },
      ],
    },
  })
  backend.on('POST', '/api/mp/subscriptions', { data: { templates: [] } })
  wx.requestSubscribeMessage.mockImplementation((options) => {
    setTimeout(() => options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-policy': 'accept' }), 0)
  })
  const page = await openPage('pages/policies/index')
  await page.instance.onShow()
  await settle()

  tapButton(page, '.subscribe-button')
  await settle()
  expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tpl-policy'])
  expect(backend.callsTo('POST', '/api/mp/subscriptions')[0].data).toEqual({ results: { 'tpl-policy': 'accept' } })
  expect(textOf(page)).toContain('已订阅')
})

test('a village without policies says so', async () => {
  backend.on('GET', '/api/mp/policies', { data: [] })
  const page = await openPage('pages/policies/index')
  await page.instance.onShow()
  await settle()
  expect(textOf(page)).toContain('您所在的村暂时还没有政策解读')
})

test('a policy shows who carries it in my village, and 我有疑问 sends my question and opens the new case', async () => {
  backend.on('GET', '/api/mp/policies/p-2', { data: POLICY })
  backend.on('POST', '/api/mp/policies/p-2/questions', {
    statusCode: 201, data: { caseId: 'c-7', number: 'SG-20261202-0007', representative: '王芳' },
  })
  const page = await openPage('pages/policy/index', { id: 'p-2' })
  await settle()
  expect(textOf(page)).toContain('本村宣讲代表：王芳、陈明')
  expect(textOf(page)).toContain('即日起至12月31日')

  tapButton(page, '.ask')
  await settle()
  tapButton(page, '.send')
  await settle()
  expect(wx.showModal.mock.calls[0][0].content).toBe('请写下您的疑问')
  expect(backend.callsTo('POST', '/api/mp/policies/p-2/questions')).toHaveLength(0)

  typeInto(page, '.question-field', '在外地住院能报销吗？')
  await settle()
  tapButton(page, '.send')
  await settle()
  expect(backend.callsTo('POST', '/api/mp/policies/p-2/questions')[0].data).toEqual({ text: '在外地住院能报销吗？' })
  expect(wx.showModal.mock.calls[1][0].content).toContain('SG-20261202-0007，由党代表王芳答复')
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=c-7' })
})

test('a question whose answer was lost is asked again with the same Idempotency-Key, the next one with a new key', async () => {
  backend.on('GET', '/api/mp/policies/p-2', { data: POLICY })
  let attempts = 0
  backend.on('POST', '/api/mp/policies/p-2/questions', () => {
    attempts += 1
    if (attempts === 1) return { networkError: true }
    return { statusCode: attempts === 2 ? 200 : 201, data: { caseId: `c-${attempts}`, number: `SG-${attempts}`, representative: '王芳' } }
  })
  const page = await openPage('pages/policy/index', { id: 'p-2' })
  await settle()

  tapButton(page, '.ask')
  await settle()
  typeInto(page, '.question-field', '在外地住院能报销吗？')
  await settle()
  tapButton(page, '.send')
  await settle()
  expect(wx.showModal.mock.calls[0][0].content).toBe('网络连接失败，请检查网络后重试')
  tapButton(page, '.send')
  await settle()
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=c-2' })

  tapButton(page, '.ask')
  await settle()
  typeInto(page, '.question-field', '异地就医要备案吗？')
  await settle()
  tapButton(page, '.send')
  await settle()

  const keys = backend.callsTo('POST', '/api/mp/policies/p-2/questions').map((c) => c.header['Idempotency-Key'])
  expect(keys).toHaveLength(3)
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
  expect(keys[1]).toBe(keys[0])
  expect(keys[2]).not.toBe(keys[0])
})

test('a policy shows the questions the town office published with their answers as its FAQ', async () => {
  backend.on('GET', '/api/mp/policies/p-2', {
    data: Object.assign({}, POLICY, {
      faq: [
        { question: '在外地住院能报销吗？', answer: '异地就医备案后可直接结算。' },
        { question: '缴费后多久生效？', answer: '次年1月1日起生效。' },
      ],
    }),
  })
  const page = await openPage('pages/policy/index', { id: 'p-2' })
  await settle()

  const entries = page.querySelectorAll('.faq-entry')
  expect(entries).toHaveLength(2)
  expect(textOf(entries[0])).toContain('问：在外地住院能报销吗？')
  expect(textOf(entries[0])).toContain('答：异地就医备案后可直接结算。')
  expect(textOf(entries[1])).toContain('缴费后多久生效？')
})

test('a policy without a published FAQ shows none', async () => {
  backend.on('GET', '/api/mp/policies/p-2', { data: POLICY })
  const page = await openPage('pages/policy/index', { id: 'p-2' })
  await settle()
  expect(textOf(page)).toContain('即日起至12月31日')
  expect(page.querySelectorAll('.faq-entry')).toHaveLength(0)
  expect(textOf(page)).not.toContain('常见问题')
})

test('a policy of another town (404) says it was not found', async () => {
  backend.on('GET', '/api/mp/policies/p-9', {
    statusCode: 404, data: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Policy p-9 does not exist' },
  })
  await openPage('pages/policy/index', { id: 'p-9' })
  await settle()
  expect(wx.showModal).toHaveBeenCalled()
})
