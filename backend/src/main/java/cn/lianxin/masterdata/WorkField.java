package cn.lianxin.masterdata;

/** 工作领域: the fields representatives work in and categories belong to, with the name the public reads. */
public enum WorkField {
    LAND_AND_AGRICULTURE("土地与农业"),
    ROADS_AND_INFRASTRUCTURE("道路交通"),
    WATER_AND_UTILITIES("水电供应"),
    SOCIAL_SECURITY("社会保障"),
    EDUCATION("教育"),
    EMPLOYMENT("就业"),
    DISPUTE_MEDIATION("矛盾调解"),
    ENVIRONMENT("生态环境"),
    GENERAL("综合事务");

    private final String label;

    WorkField(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The Chinese name of a stored field code; a code this version does not know is shown as it is. */
    public static String labelOf(String code) {
        for (WorkField field : values()) {
            if (field.name().equals(code)) {
                return field.label;
            }
        }
        return code;
    }
}
