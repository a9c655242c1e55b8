const { installPlatform, settle } = require('./support/platform')
const { openPage, textOf } = require('./support/pages')

let wx
let backend

beforeEach(() => {
  ({ wx, backend } = installPlatform())
})

// The backend's PublicResource.WorkstationCard, representatives as RepresentativeCard (never a phone number).
const STATION = {
  id: 5,
  name: '东片党代表工作室',
  place: '东村村委会二楼',
  signage: '党代表工作室',
  serviceTheme: '乡村振兴',
  liaisonName: '李红',
  villageIds: [1, 2],
  representatives: [{
    id: 11,
    name: '陈明',
    photoUrl: null,
    workFields: ['道路交通', '水电供应'],
    specialties: ['调解'],
    receptionSchedule: '每月 5 日、20 日上午',
    groupLeader: false,
  }],
}

test('workstations are listed without signing in, and one opens with its representatives', async () => {
  backend.on('GET', '/api/public/workstations', {
    data: [STATION],
  })
  backend.on('GET', '/api/public/workstations/5', { data: STATION })

  const list = await openPage('pages/workstations/index')
  await settle()
  expect(textOf(list.querySelector('.workstation'))).toContain('地点：东村村委会二楼')
  expect(textOf(list.querySelector('.workstation'))).toContain('服务主题：乡村振兴')
  list.querySelector('.workstation').dispatchEvent('tap')
  await settle()
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/workstation/index?id=5' })

  const detail = await openPage('pages/workstation/index', { id: '5' })
  await settle()
  expect(textOf(detail.querySelector('.card'))).toContain('联络员：李红')
  const representative = textOf(detail.querySelector('.representative'))
  expect(representative).toContain('陈明')
  expect(representative).toContain('联系领域：道路交通、水电供应')
  expect(representative).toContain('接待时间：每月 5 日、20 日上午')
  expect(wx.login).not.toHaveBeenCalled()
})
