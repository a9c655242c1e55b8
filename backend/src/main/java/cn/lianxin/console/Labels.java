package cn.lianxin.console;

import cn.lianxin.audit.ReadAudit;
import cn.lianxin.staff.StaffRole;

/** The Chinese names the console shows for the system's enums. */
public final class Labels {

    private Labels() {
    }

    public static String role(StaffRole role) {
        return switch (role) {
            case TOWN_OFFICE -> "镇党委办公室";
            case LIAISON -> "联络员";
            case GROUP_LEADER -> "组长";
            case REPRESENTATIVE -> "党代表";
        };
    }

    /** What a line of the read audit says was read. */
    public static String readAction(ReadAudit.Action action) {
        return switch (action) {
            case CASE_LIST -> "诉求列表";
            case CASE_READ -> "诉求详情";
            case CASE_RECORD -> "办理记录";
            case CASE_EXPORT -> "导出诉求";
            case CASE_FILE -> "下载附件";
            case RESIDENT_HISTORY -> "群众及其诉求";
            case RESIDENT_SEARCH -> "查找群众";
            case RESIDENT_DATA -> "群众信息";
            case PHONE_IN_CLEAR -> "完整手机号";
            case MESSAGE_LOG -> "消息记录";
        };
    }
}
