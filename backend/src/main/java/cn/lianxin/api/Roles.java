package cn.lianxin.api;

/** Role names for {@code @RolesAllowed}; they are the names of {@link cn.lianxin.staff.StaffRole}. */
public final class Roles {
    public static final String TOWN_OFFICE = "TOWN_OFFICE";
    public static final String LIAISON = "LIAISON";
    public static final String GROUP_LEADER = "GROUP_LEADER";
    public static final String REPRESENTATIVE = "REPRESENTATIVE";

    private Roles() {
    }
}
