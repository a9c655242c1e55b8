package cn.lianxin.channels.wecom;

import cn.lianxin.bookings.VideoCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import me.chanjar.weixin.cp.bean.oa.meeting.WxCpMeeting;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Booked calls as WeCom meetings (会议, meeting/create and meeting/get_info): the representative is the meeting's
 * admin and host, outsiders may join by the link (the resident in WeChat), they wait in the waiting room until the
 * representative lets them in. Attendance comes from the meeting's detail: the host's time as a member, the
 * resident's as the temporary external users'. In the sandbox a meeting is simulated: a link of our own, and
 * both sides present for the whole slot.
 */
@ApplicationScoped
public class WeComMeetings implements VideoCalls {

    private static final String SANDBOX = "sandbox-";

    private final WeComClient client;
    private final boolean sandbox;

    public WeComMeetings(WeComClient client, @ConfigProperty(name = "lianxin.wecom.sandbox") boolean sandbox) {
        this.client = client;
        this.sandbox = sandbox;
    }

    @Override
    public Uni<Meeting> open(Call call) {
        int seconds = (int) Duration.between(call.startsAt(), call.endsAt()).toSeconds();
        if (sandbox) {
            String id = SANDBOX + seconds + "-" + UUID.randomUUID();
            return Uni.createFrom().item(new Meeting(id, String.valueOf(Math.abs(id.hashCode()) % 1_000_000_000),
                    "/api/sandbox/wecom/meetings/" + id));
        }
        if (call.hostUserId() == null) {
            return Uni.createFrom().failure(new IllegalStateException("the representative has no WeCom account on record to host the call"));
        }
        WxCpMeeting meeting = new WxCpMeeting().setAdminUserId(call.hostUserId()).setTitle(call.title())
                .setMeetingStart(call.startsAt().getEpochSecond()).setMeetingDuration(seconds)
                .setAttendees(new WxCpMeeting.Attendees().setUserId(List.of(call.hostUserId())))
                .setSettings(new WxCpMeeting.Setting().setAllowExternalUser(true).setEnableWaitingRoom(true)
                        .setAllowEnterBeforeHost(false).setHosts(new WxCpMeeting.Attendees().setUserId(List.of(call.hostUserId()))));
        // The code and link are in the meeting's detail, not in create's answer; the detail does not repeat the id.
        return client.createMeeting(meeting).chain(id -> client.meeting(id)
                .map(created -> new Meeting(id, created.getMeetingCode(), created.getMeetingLink())));
    }

    @Override
    public Uni<Attendance> attendance(String meetingId, String hostUserId) {
        if (meetingId.startsWith(SANDBOX)) {
            int seconds = Integer.parseInt(meetingId.substring(SANDBOX.length(), meetingId.indexOf('-', SANDBOX.length())));
            return Uni.createFrom().item(new Attendance(seconds, seconds));
        }
        return client.meeting(meetingId).map(m -> {
            WxCpMeeting.Attendees attendees = m.getAttendees();
            int host = 0;
            int others = 0;
            if (attendees != null && attendees.getMember() != null) {
                for (WxCpMeeting.Attendees.Member member : attendees.getMember()) {
                    int time = member.getCumulativeTime() == null ? 0 : member.getCumulativeTime().intValue();
                    if (Objects.equals(member.getUserid(), hostUserId)) {
                        host += time;
                    } else {
                        others += time;
                    }
                }
            }
            if (attendees != null && attendees.getTmpExternalUser() != null) {
                others += attendees.getTmpExternalUser().stream()
                        .mapToInt(u -> u.getCumulativeTime() == null ? 0 : u.getCumulativeTime()).sum();
            }
            return new Attendance(host, others);
        });
    }
}
