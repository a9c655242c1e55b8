const js = require('@eslint/js')
const globals = require('globals')

// The mini-program's own globals, as the WeChat runtime provides them.
const weapp = {
  wx: 'readonly',
  App: 'readonly',
  Page: 'readonly',
  Component: 'readonly',
  Behavior: 'readonly',
  getApp: 'readonly',
  getCurrentPages: 'readonly',
  // The runtime's timers (the hold countdown of 预约视频).
  setInterval: 'readonly',
  clearInterval: 'readonly',
}

module.exports = [
  { ignores: ['node_modules/**', 'miniprogram_npm/**', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: Object.assign({}, globals.commonjs, weapp),
    },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used' }],
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['test/**/*.js', 'jest.config.js', 'eslint.config.js'],
    languageOptions: {
      globals: Object.assign({}, globals.node, globals.jest, globals.browser),
    },
  },
]
