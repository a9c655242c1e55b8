const { installPlatform, settle } = require('./support/platform')
const { openPage, textOf } = require('./support/pages')

let wx
let backend

function someCases(from, count) {
  return Array.from({ length: count }, (_, i) => ({
    id: `c-${from + i}`, number: `SG-${from + i}`, state: 'IN_PROGRESS', stateLabel: '处理',
    excerpt: `第 ${from + i} 件事`, categoryName: '道路交通', villageName: '东村', createdAt: '2026-11-27T01:00:00Z',
  }))
}

beforeEach(() => {
  ({ wx, backend } = installPlatform())
})

test('my cases are listed page by page, and tapping one opens it', async () => {
  backend.on('GET', '/api/mp/cases?page=0&size=10', { data: { items: someCases(1, 10), page: 0, size: 10, total: 12 } })
  backend.on('GET', '/api/mp/cases?page=1&size=10', { data: { items: someCases(11, 2), page: 1, size: 10, total: 12 } })
  const page = await openPage('pages/cases/index')

  await page.instance.onShow()
  await page.instance.onReachBottom()
  await page.instance.onReachBottom()
  await settle()

  const cards = page.querySelectorAll('.case')
  expect(cards).toHaveLength(12)
  expect(textOf(cards[11])).toContain('第 12 件事')
  expect(textOf(cards[0])).toContain('处理')
  expect(textOf(page)).toContain('没有更多了')
  // Everything was already loaded, so the third scroll asked for nothing.
  expect(backend.calls.filter((c) => c.path.startsWith('/api/mp/cases'))).toHaveLength(2)

  cards[11].dispatchEvent('tap')
  await settle()
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=c-12' })
})

test('a resident without cases is invited to submit one', async () => {
  backend.on('GET', '/api/mp/cases?page=0&size=10', { data: { items: [], page: 0, size: 10, total: 0 } })
  const page = await openPage('pages/cases/index')

  await page.instance.onShow()
  await settle()

  expect(textOf(page)).toContain('您还没有反映过问题')
})
