package cn.lianxin.masterdata;

/** 工作领域: the fields representatives work in and categories belong to. */
public enum WorkField {
    LAND_AND_AGRICULTURE,
    ROADS_AND_INFRASTRUCTURE,
    WATER_AND_UTILITIES,
    SOCIAL_SECURITY,
    EDUCATION,
    EMPLOYMENT,
    DISPUTE_MEDIATION,
    ENVIRONMENT,
    GENERAL
}
