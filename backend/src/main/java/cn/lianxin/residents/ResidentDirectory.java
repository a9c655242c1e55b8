package cn.lianxin.residents;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Village;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Residents as staff find and register them at the desk (walk-ins, phone calls), for the API and the console alike.
 * The town office finds anyone. A liaison finds a resident by the exact number the person gives (whoever they are:
 * an SMS resident has no village yet, and must not become a second person) or by name among the residents of
 * their own town's villages, never by browsing; and registers residents of their own town. Merged-away rows are
 * never found. Only the masked number ever leaves here, and every search is recorded in the read audit.
 */
@ApplicationScoped
public class ResidentDirectory {

    /** What to look for; every part is optional for the town office. {@code name} matches from the start. */
    public record Query(String phone, String name, Long villageId) {
    }

    /** The resident, and whether this registration made them (201) or found them by their number (200). */
    public record Registered(Resident resident, boolean created) {
    }

    private final Lookups lookups;
    private final PhoneVault phones;
    private final ReadAudit audit;

    public ResidentDirectory(Lookups lookups, PhoneVault phones, ReadAudit audit) {
        this.lookups = lookups;
        this.phones = phones;
        this.audit = audit;
    }

    /** Newest first. A liaison who gives neither a number nor a name is refused (422 naming {@code phone}). */
    public Uni<Page<Resident>> find(Caller caller, Query query, PageRequest page) {
        return Uni.createFrom().item(() -> query.phone() == null ? null : phones.hash(parsePhone(query.phone())))
                .chain(phoneHash -> find(caller, phoneHash, blankToNull(query.name()), query.villageId(), page))
                .call(found -> audit.record(caller, ReadAudit.Action.RESIDENT_SEARCH,
                        found.items().stream().map(r -> ReadAudit.Read.ofResident(r.id)).toList()));
    }

    private static Uni<Page<Resident>> find(Caller caller, byte[] phoneHash, String name, Long villageId, PageRequest page) {
        Filters filters = new Filters().with("villageId = :villageId", "villageId", villageId)
                .with("phoneHash = :phoneHash", "phoneHash", phoneHash)
                .with("name like :name escape '\\'", "name", name == null ? null : likePrefix(name));
        if (!caller.is(StaffRole.TOWN_OFFICE)) {
            if (phoneHash == null && name == null) {
                return Uni.createFrom().failure(ApiException.invalidField("phone", "give the resident's phone number or name"));
            }
            filters.always("mergedInto is null", Map.of());
            if (phoneHash == null) {
                filters.always("villageId in (select v.id from Village v where v.townId = :scopeTown)", Map.of("scopeTown", townOf(caller)));
            }
        }
        return Filters.page(Resident.<Resident>find(filters.where("createdAt desc, id"), filters.parameters()), page, r -> r);
    }

    /**
     * Registers a resident by phone number inside the caller's transaction; a number already known is that
     * resident, not a second one. A liaison's resident lives in a village of the liaison's town.
     */
    public Uni<Registered> register(Caller caller, String name, String phone, Long villageId) {
        return Uni.createFrom().item(() -> phones.seal(parsePhone(phone))).chain(sealed -> lookups.reference(Village.class, villageId, "villageId")
                .invoke(village -> {
                    if (village != null && !caller.is(StaffRole.TOWN_OFFICE) && !village.townId.equals(townOf(caller))) {
                        throw ApiException.invalidField("villageId", "is not a village of your town");
                    }
                })
                .chain(() -> Resident.<Resident>find("phoneHash", (Object) sealed.hash()).<Resident>firstResult())
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(new Registered(existing, false))
                        : create(name, villageId, sealed).map(r -> new Registered(r, true))));
    }

    private static Uni<Resident> create(String name, Long villageId, PhoneVault.Sealed sealed) {
        Resident resident = new Resident();
        resident.name = name.strip();
        resident.villageId = villageId;
        resident.phoneHash = sealed.hash();
        resident.phoneCipher = sealed.cipher();
        resident.phoneMasked = sealed.masked();
        return resident.persist();
    }

    public static PhoneNumber parsePhone(String raw) {
        return PhoneNumber.parse(raw).orElseThrow(() -> ApiException.invalidField("phone", "must be a mainland China mobile number"));
    }

    /** -1 matches no village: staff without a town (a misconfigured account) find nobody by name. */
    private static long townOf(Caller caller) {
        return caller.townId() == null ? -1L : caller.townId();
    }

    private static String likePrefix(String name) {
        return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
