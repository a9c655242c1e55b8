/**
 * Where the API lives, per mini-program environment. WeChat tells the running code which build it is
 * (develop = DevTools and preview, trial = 体验版, release = 正式版), so one package serves all three
 * and nobody edits a line before uploading.
 */
const BASE_URLS = {
  // ./infra/run on the developer's machine; tick 「不校验合法域名」 in DevTools for plain http.
  develop: 'http://127.0.0.1:8080',
  // The town's own HTTPS domains, registered as 「request合法域名」 and 「uploadFile合法域名」 in the
  // mini-program's admin console; replace these before the first upload (see README.md).
  trial: 'https://trial.lianxin.example',
  release: 'https://api.lianxin.example',
}

function envVersion() {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion || 'develop'
  } catch {
    // Very old base libraries have no getAccountInfoSync; they only ever run in development here.
    return 'develop'
  }
}

function baseUrl() {
  return BASE_URLS[envVersion()] || BASE_URLS.develop
}

module.exports = { BASE_URLS, baseUrl, envVersion }
