/**
 * Loads a page of this mini-program into miniprogram-simulate with the real Vant components.
 *
 * In DevTools, 「构建 npm」 copies the `miniprogram` folder of @vant/weapp (its `lib/`) to
 * miniprogram_npm/@vant/weapp, and "@vant/weapp/button/index" in a page's usingComponents resolves there.
 * The simulator resolves usingComponents only as file paths, so each "@vant/weapp/…" entry is pointed at
 * the same files in node_modules/@vant/weapp/lib. Vant's templates use WXS, which only WeChat's own
 * template compiler (shipped in miniprogram-compiler) understands, so the official compiler is used and is
 * told the full list of templates and WXS files, Vant's included (it skips node_modules by default).
 */
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '../..')
const VANT = 'node_modules/@vant/weapp/lib'
const NPM_PREFIX = '@vant/weapp/'

function filesUnder(dir, ext) {
  const found = []
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`
    if (entry.isDirectory()) found.push(...filesUnder(relative, ext))
    else if (entry.name.endsWith(ext)) found.push(relative)
  }
  return found
}

let compilerOptions = null
function templates() {
  if (!compilerOptions) {
    const own = ['pages', 'components'].flatMap((dir) => filesUnder(dir, '.wxml'))
    compilerOptions = {
      wxmlList: own.concat(filesUnder(VANT, '.wxml')),
      wxsList: filesUnder(VANT, '.wxs'),
      maxBuffer: 64 * 1024 * 1024,
    }
  }
  return compilerOptions
}

/** The page's (and its own components') Vant entries as root-relative paths the simulator can load. */
function vantComponents(componentPath, seen = {}) {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, `${componentPath}.json`), 'utf8'))
  const mapped = {}
  for (const [tag, target] of Object.entries(json.usingComponents || {})) {
    if (target.startsWith(NPM_PREFIX)) {
      mapped[tag] = `/${VANT}/${target.slice(NPM_PREFIX.length)}`
    } else {
      const child = path.relative(ROOT, path.resolve(ROOT, path.dirname(componentPath), target))
      if (!seen[child]) {
        seen[child] = true
        Object.assign(mapped, vantComponents(child, seen))
      }
    }
  }
  return mapped
}

/**
 * Renders the page and runs its onLoad(query) like WeChat does. Each call gets fresh modules (page,
 * services), the way a page opened in WeChat starts from its own state; `wx` stays the test's.
 */
async function openPage(pagePath, query = {}) {
  let simulate
  let id
  jest.isolateModules(() => {
    simulate = require('miniprogram-simulate')
    id = simulate.load(path.join(ROOT, pagePath), {
      compiler: 'official',
      rootPath: ROOT,
      usingComponents: vantComponents(pagePath),
      compilerOptions: templates(),
    })
  })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  if (page.instance.onLoad) await page.instance.onLoad(query)
  return page
}

/** Taps a van-button (the click reaches the page through Vant's own button). */
function tapButton(page, selector) {
  const host = page.querySelector(selector)
  if (!host) throw new Error(`no button ${selector}`)
  host.querySelector('.van-button').dispatchEvent('tap')
}

/** Types into a van-field the way its inner input or textarea reports it. */
function typeInto(page, selector, value) {
  const host = page.querySelector(selector)
  if (!host) throw new Error(`no field ${selector}`)
  const control = host.querySelector('.van-field__control--textarea') || host.querySelector('input')
    || host.querySelector('textarea')
  control.dispatchEvent('input', { detail: { value } })
}

/** The text a resident would read in that part of the page, shadow trees included. */
function textOf(node) {
  const dom = node.dom || node
  return dom.textContent.replace(/\s+/g, ' ').trim()
}

module.exports = { openPage, tapButton, typeInto, textOf, ROOT }
