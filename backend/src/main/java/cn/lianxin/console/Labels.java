package cn.lianxin.console;

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
}
