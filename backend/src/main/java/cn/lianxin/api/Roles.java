package cn.lianxin.api;

/** Who may call what. Until staff accounts arrive (lifecycle issue) the town office is the only role. */
public final class Roles {
    public static final String TOWN_OFFICE = "town-office";

    private Roles() {
    }
}
