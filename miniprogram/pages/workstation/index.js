const { publicInfo } = require('../../services/api')
const { asLine } = require('../../utils/text')
const { showError } = require('../../utils/ui')

/** One workstation and its representatives: name, photo, fields and reception times — never phone numbers. */
Component({
  data: {
    workstation: null,
    representatives: [],
  },

  methods: {
    onLoad(query) {
      return publicInfo.workstation(query.id)
        .then((workstation) => {
          this.setData({
            workstation,
            representatives: (workstation.representatives || []).map((r, i) => ({
              key: i,
              name: r.name,
              photoUrl: r.photoUrl || '',
              workFields: asLine(r.workFields),
              receptionSchedule: asLine(r.receptionSchedule),
            })),
          })
          wx.setNavigationBarTitle({ title: workstation.name })
        })
        .catch(showError)
    },
  },
})
