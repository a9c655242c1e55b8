/**
 * The privacy notice (个人信息保护规则) the resident accepts before their first submission. Its version is the
 * backend's lianxin.privacy.notice-version: a notice changed here gets a new version there, and the backend
 * refuses an acceptance of any other version, so nobody is recorded as accepting words they were not shown.
 */
const NOTICE = {
  version: '2026-12-01',
  title: '个人信息保护提示',
  paragraphs: [
    '为办理您反映的问题，我们会保存您的微信标识、手机号（加密保存）、所在村（社区）、您写下的内容和照片。',
    '只有办理您问题的党代表、联络员和镇党委办公室能看到这些信息，每一次查看都有记录，您可以在「我的 → 我的数据」里看到谁看过。',
    '您可以随时查看、更正、下载这些信息，撤回通知授权，或注销并删除您的个人信息；问题的办理记录会匿名保留。',
  ],
}

module.exports = { NOTICE }
