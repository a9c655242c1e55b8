package cn.lianxin.cases.rest;

import cn.lianxin.cases.CaseSearch;
import cn.lianxin.cases.Figure;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The case list's query parameters, shared by the API's list and the console's list, drill-downs and export. */
public class CaseFilters {

    @QueryParam("number") @Size(max = 40) public String number;
    @QueryParam("state") public CaseState state;
    @QueryParam("channel") public Channel channel;
    @QueryParam("villageId") public Long villageId;
    @QueryParam("categoryId") public Long categoryId;
    @QueryParam("workstationId") public Long workstationId;
    @QueryParam("representativeId") public Long representativeId;
    @QueryParam("unassigned") @Parameter(description = "true: the dispatch queue (no representative yet)") public Boolean unassigned;
    @QueryParam("residentId") public UUID residentId;
    @QueryParam("from") public LocalDate from;
    @QueryParam("to") public LocalDate to;
    @QueryParam("unplaced") @Parameter(description = "only cases without a workstation, representative or village")
    public CaseSearch.Unplaced unplaced;
    @QueryParam("figure") @Parameter(description = "only the cases one of the figures counts (see GET /api/stats/rates)")
    public Figure figure;

    public CaseSearch toSearch() {
        return new CaseSearch(number, state, channel, villageId, categoryId, workstationId, representativeId, unassigned,
                residentId, from, to, unplaced, figure);
    }
}
