#include "unreachable_control_plane.h"

namespace rmvss::native {

namespace {

class UnreachableControlPlane final : public ControlPlane {
public:
    explicit UnreachableControlPlane(std::string why) : why_(std::move(why)) {}

    Reply AreLunsSupported(int32_t, const std::vector<DeviceLun>&, Deadline) override { return fail(); }
    Reply FillInLunInfo(const DeviceLun&, Deadline) override { return fail(); }
    Reply BeginPrepareSnapshot(const Uuid&, const Uuid&, int32_t, const std::vector<DeviceLun>&, Deadline) override { return fail(); }
    Reply EndPrepareSnapshots(const Uuid&, Deadline) override { return fail(); }
    Reply PreCommitSnapshots(const Uuid&, Deadline) override { return fail(); }
    Reply CommitSnapshots(const Uuid&, Deadline) override { return fail(); }
    Reply PostCommitSnapshots(const Uuid&, int32_t, Deadline) override { return fail(); }
    Reply PreFinalCommitSnapshots(const Uuid&, Deadline) override { return fail(); }
    Reply PostFinalCommitSnapshots(const Uuid&, Deadline) override { return fail(); }
    Reply AbortSnapshots(const Uuid&, Deadline) override { return fail(); }
    Reply GetTargetLuns(const std::vector<DeviceLun>&, Deadline) override { return fail(); }
    Reply LocateLuns(const std::vector<LunInfo>&, Deadline) override { return fail(); }
    Reply OnLunEmpty(const DeviceLun&, Deadline) override { return fail(); }
    Reply OnLunStateChange(const std::vector<LunInfo>&, const std::vector<LunInfo>&, uint32_t, Deadline) override { return fail(); }
    Reply ResyncLuns(const std::vector<LunInfo>&, const std::vector<LunInfo>&, Deadline) override { return fail(); }

private:
    Reply fail() const { return Reply::unreachable(why_); }
    std::string why_;
};

}  // namespace

std::shared_ptr<ControlPlane> make_unreachable_control_plane(std::string why) {
    return std::make_shared<UnreachableControlPlane>(std::move(why));
}

}  // namespace rmvss::native
