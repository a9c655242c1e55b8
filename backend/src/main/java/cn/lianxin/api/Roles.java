package cn.lianxin.api;

/** Role names for {@code @RolesAllowed}; they are the names of {@link cn.lianxin.staff.StaffRole}. */
public final class Roles {
    public static final String TOWN_OFFICE = "TOWN_OFFICE";
    public static final String LIAISON = "LIAISON";
    public static final String GROUP_LEADER = "GROUP_LEADER";
    public static final String REPRESENTATIVE = "REPRESENTATIVE";
    /** A resident signed in through the mini-program; refused by every staff endpoint. */
    public static final String RESIDENT = "RESIDENT";

    private Roles() {
    }
}
