const { installPlatform, settle } = require('./support/platform')
const {
  openPage, textOf, tapButton, typeInto,
} = require('./support/pages')

let wx
let backend

beforeEach(() => {
  ({ wx, backend } = installPlatform())
})

// The backend's PublicBoard.Card page and PublicQuestions.Mine.
const BOARD = {
  items: [
    {
      caseId: 'c-2', text: '村口的路灯坏了，什么时候修？', answer: '已报修，本周内修好。', answeredBy: '陈明', daysWaiting: 3,
      workstationId: 1, workstationName: '中心工作室', category: '道路交通', village: '东村',
    },
    {
      caseId: 'c-1', text: '我是【姓名已隐去】，自来水发黄', answer: null, answeredBy: null, daysWaiting: 5,
      workstationId: 1, workstationName: '中心工作室', category: '供水供电', village: null,
    },
  ],
  page: 0,
  size: 20,
  total: 2,
}
const MINE = {
  caseId: 'c-2', number: 'SG-20261201-0002', text: '村口的路灯坏了，什么时候修？', status: 'PUBLISHED',
  publicText: '村口的路灯坏了，什么时候修？', answer: '已报修，本周内修好。', answeredQuestion: null, canGiveVerdict: true,
}

test('the board shows the published questions, their answers and the days waited, without sign-in', async () => {
  backend.on('GET', '/api/public/questions?page=0&size=20', { data: BOARD })
  backend.on('GET', '/api/mp/questions', { data: [] })
  const page = await openPage('pages/questions/index')
  await page.instance.onShow()
  await settle()

  const cards = page.querySelectorAll('.question')
  expect(cards).toHaveLength(2)
  expect(textOf(cards[0])).toContain('陈明答复：已报修，本周内修好。')
  expect(textOf(cards[0])).toContain('提问后第 3 天答复')
  expect(textOf(cards[0])).toContain('东村')
  expect(textOf(cards[1])).toContain('等待答复第 5 天')
  expect(textOf(cards[1])).not.toContain('东村')
  expect(backend.callsTo('GET', '/api/public/questions?page=0&size=20')[0].header.Authorization).toBeUndefined()
  expect(page.querySelectorAll('.mine')).toHaveLength(0)
})

test('the asker says the answer did not answer the question, and the backend is told so', async () => {
  backend.on('GET', '/api/public/questions?page=0&size=20', { data: BOARD })
  backend.on('GET', '/api/mp/questions', {
    data: [MINE, Object.assign({}, MINE, {
      caseId: 'c-3', status: 'AWAITING_MODERATION', publicText: null, answer: null, canGiveVerdict: false, text: '能办老年食堂吗？',
    })],
  })
  backend.on('POST', '/api/mp/questions/c-2/verdict', { data: Object.assign({}, MINE, { answeredQuestion: false }) })
  const page = await openPage('pages/questions/index')
  await page.instance.onShow()
  await settle()

  const mine = page.querySelectorAll('.mine')
  expect(textOf(mine[1])).toContain('审核中，尚未公开')
  expect(mine[1].querySelector('.verdict')).toBeUndefined()
  tapButton(page, '.not-answered')
  await settle()

  expect(backend.callsTo('POST', '/api/mp/questions/c-2/verdict')[0].data).toEqual({ answered: false })
  expect(textOf(page.querySelectorAll('.mine')[0])).toContain('您说：没有回答我的问题')
})

test('公开提问 on the submit form sends the question to /api/mp/questions without photos', async () => {
  backend.on('GET', '/api/public/categories', { data: [{ id: 1, name: '道路交通' }] })
  backend.on('GET', '/api/public/villages', { data: [{ id: 1, name: '东村' }, { id: 2, name: '西村' }] })
  backend.on('GET', '/api/mp/privacy', { data: { version: '2026-12-01', accepted: true } })
  backend.on('GET', '/api/mp/subscriptions', { data: { templates: [] } })
  backend.on('POST', '/api/mp/questions', {
    statusCode: 201, data: { caseId: 'c-9', number: 'SG-20261201-0009', status: 'AWAITING_MODERATION', flagged: false },
  })
  const page = await openPage('pages/submit/index')
  typeInto(page, '.text-field', '村里能不能装健身器材？')
  page.querySelector('.category-picker').dispatchEvent('change', { detail: { value: 0 } })
  page.querySelector('.village-picker').dispatchEvent('change', { detail: { value: 0 } })
  page.querySelector('.public-switch').querySelector('.van-switch').dispatchEvent('tap')
  await settle()
  expect(page.querySelector('.uploader')).toBeUndefined()
  tapButton(page, '.submit-button')
  await settle()

  const [sent] = backend.callsTo('POST', '/api/mp/questions')
  expect(sent.data).toEqual({ text: '村里能不能装健身器材？', categoryId: 1, villageId: 1, anonymous: false })
  expect(sent.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
  expect(backend.callsTo('POST', '/api/mp/cases')).toHaveLength(0)
  expect(textOf(page)).toContain('编号 SG-20261201-0009')
  expect(textOf(page.querySelector('.in-public'))).toContain('在「问答」公开')
  expect(wx.showModal).not.toHaveBeenCalled()
})

test('首页 leads to 问答, and 我要提问 there to the submit form', async () => {
  const home = await openPage('pages/home/index')
  tapButton(home, '.questions-entry')
  await settle()
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/questions/index' })

  backend.on('GET', '/api/public/questions?page=0&size=20', { data: { items: [], page: 0, size: 20, total: 0 } })
  backend.on('GET', '/api/mp/questions', { data: [] })
  const page = await openPage('pages/questions/index')
  await page.instance.onShow()
  await settle()
  expect(textOf(page)).toContain('还没有公开的问题')
  tapButton(page, '.ask')
  await settle()
  expect(wx.switchTab).toHaveBeenCalledWith({ url: '/pages/submit/index' })
})
