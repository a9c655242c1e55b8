const { mp, publicInfo } = require('../../services/api')
const { showError } = require('../../utils/ui')

const SIZE = 20

/** How a question stands in moderation, in the asker's words. */
const STATUS = {
  AWAITING_MODERATION: '审核中，尚未公开',
  PUBLISHED: '已公开',
  KEPT_PRIVATE: '未公开，仍由代表办理答复',
}

function mine(q) {
  return Object.assign({}, q, { statusLabel: STATUS[q.status] || q.status })
}

/**
 * 问答 (基层出题，代表答题): the public board — questions as moderated, their published answers and the days waited —
 * and my own public questions, where I say whether the answer answered me. Asking is the submit form's 公开提问.
 */
Component({
  data: {
    board: [],
    total: 0,
    page: 0,
    mine: [],
    loaded: false,
  },

  methods: {
    onShow() {
      return Promise.all([publicInfo.questions(0, SIZE), mp.myQuestions()])
        .then(([board, questions]) => this.setData({
          board: board.items, total: board.total, page: 0, mine: questions.map(mine), loaded: true,
        }))
        .catch(showError)
    },

    onMore() {
      const next = this.data.page + 1
      return publicInfo.questions(next, SIZE)
        .then((board) => this.setData({ board: this.data.board.concat(board.items), total: board.total, page: next }))
        .catch(showError)
    },

    onAsk() {
      wx.switchTab({ url: '/pages/submit/index' })
    },

    onAnswered(e) {
      return this.verdict(Number(e.currentTarget.dataset.index), true)
    },

    onNotAnswered(e) {
      return this.verdict(Number(e.currentTarget.dataset.index), false)
    },

    verdict(index, answered) {
      return mp.verdict(this.data.mine[index].caseId, answered)
        .then((updated) => this.setData({ [`mine[${index}]`]: mine(updated) }))
        .catch(showError)
    },
  },
})
