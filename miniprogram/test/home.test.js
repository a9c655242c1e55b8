const { installPlatform, settle } = require('./support/platform')
const { openPage, tapButton, textOf } = require('./support/pages')

let wx

beforeEach(() => {
  ({ wx } = installPlatform())
})

test('the home page names the six steps and leads to submitting, my cases and the workstations', async () => {
  const page = await openPage('pages/home/index')
  expect(textOf(page.querySelector('.steps'))).toBe('1登记 2接待 3处理 4回复 5反馈 6归档')

  tapButton(page, '.submit-entry')
  tapButton(page, '.cases-entry')
  tapButton(page, '.workstations-entry')
  await settle()

  expect(wx.switchTab.mock.calls.map((c) => c[0].url)).toEqual(['/pages/submit/index', '/pages/cases/index'])
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/workstations/index' })
})
