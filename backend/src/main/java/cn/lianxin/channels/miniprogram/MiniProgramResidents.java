package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.intake.Residents;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Village;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.PhoneNumber;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Residents as the mini-program knows them: found or created by openid at sign-in, and merged into the resident
 * already known by phone (SMS, walk-in) when they bind that number, so that one person keeps one case history.
 */
@ApplicationScoped
public class MiniProgramResidents {

    /** After binding: the resident the session now belongs to, and whether that took a merge. */
    public record Bound(Resident resident, boolean merged) {
    }

    private final PhoneVault phones;
    private final Lookups lookups;
    private final Residents residents;

    public MiniProgramResidents(PhoneVault phones, Lookups lookups, Residents residents) {
        this.phones = phones;
        this.lookups = lookups;
        this.residents = residents;
    }

    /** The resident with this openid, created on first sign-in; two racing first sign-ins make one row. */
    @WithTransaction
    public Uni<Resident> signIn(MiniProgramClient.Session session) {
        return byOpenid(session.openid()).chain(found -> found != null ? Uni.createFrom().item(found)
                : Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO resident (id, openid, unionid, created_at, updated_at)
                        VALUES (:id, :openid, :unionid, now(), now()) ON CONFLICT (openid) DO NOTHING""")
                        .setParameter("id", UUID.randomUUID()).setParameter("openid", session.openid())
                        .setParameter("unionid", session.unionid()).executeUpdate())
                        .chain(() -> byOpenid(session.openid())))
                .invoke(r -> {
                    if (r.unionid == null && session.unionid() != null) {
                        r.unionid = session.unionid();
                    }
                });
    }

    /** The signed-in resident; one merged away since their token was issued must sign in again. */
    @WithSession
    public Uni<Resident> current(UUID id) {
        return Resident.<Resident>findById(id).map(r -> {
            if (r == null || r.mergedInto != null || r.openid == null) {
                throw ResidentTokens.expired();
            }
            return r;
        });
    }

    @WithTransaction
    public Uni<Resident> setVillage(UUID residentId, Long villageId, String name) {
        if (villageId == null) {
            throw ApiException.invalidField("villageId", "is required");
        }
        return lookups.reference(Village.class, villageId, "villageId")
                .chain(village -> current(residentId).invoke(r -> {
                    r.villageId = village.id;
                    if (name != null && !name.isBlank()) {
                        r.name = name.strip();
                    }
                }));
    }

    /**
     * Binds the number to the signed-in resident. When another resident already has it, the mini-program identity,
     * its cases, photos, messages and consents move onto that resident, and the mini-program-only row is left
     * behind marked as merged. A sandbox sign-in never merges (403).
     */
    @WithTransaction
    public Uni<Bound> bindPhone(UUID residentId, String digits) {
        PhoneNumber phone = PhoneNumber.parse(digits)
                .orElseThrow(() -> ApiException.invalidField("code", "WeChat gave no mainland China mobile number"));
        PhoneVault.Sealed sealed = phones.seal(phone);
        return current(residentId).chain(me -> Resident.<Resident>find("phoneHash", (Object) sealed.hash()).firstResult()
                .chain(known -> {
                    if (known == null || known.id.equals(me.id)) {
                        me.phoneHash = sealed.hash();
                        me.phoneCipher = sealed.cipher();
                        me.phoneMasked = sealed.masked();
                        return Uni.createFrom().item(new Bound(me, false));
                    }
                    if (MiniProgramClient.isSandboxIdentity(me.openid)) {
                        // Nobody vouched for a sandbox resident's number: merging would hand them a stranger's cases.
                        throw new ApiException(Problem.of(403, "Forbidden",
                                "沙箱身份不能绑定已登记居民的手机号 (a sandbox sign-in cannot take over a resident known by this number)."));
                    }
                    if (known.openid != null) {
                        throw ApiException.conflict("此手机号已绑定其他微信账号 (this number is bound to another WeChat account).");
                    }
                    return residents.merge(me, known, MiniProgramCases.label(me)).replaceWith(new Bound(known, true));
                }));
    }

    private static Uni<Resident> byOpenid(String openid) {
        return Resident.<Resident>find("openid", openid).firstResult();
    }
}
