#include "ui/intake/nearbywatcher.h"

#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"
#include "ui/intake/focusfollower.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/intake/requestbox.h"

namespace civicdesk {

NearbyWatcher::NearbyWatcher(IntakeSession &session, const IntakeService &service,
                             const IntakeRepository &intake, RequestBox &request,
                             KnownIssueBanner &banner, FocusFollower &follower,
                             std::function<QString()> typeCode, QObject *parent)
    : QObject(parent), m_session(session), m_service(service), m_intake(intake), m_request(request),
      m_banner(banner), m_follower(follower), m_typeCode(std::move(typeCode))
{
}

void NearbyWatcher::refresh()
{
    m_session.refreshDuplicates();
    m_request.showDuplicates(m_session.duplicates(), m_service.now(), m_session.locationPlaced());
    const auto &where = m_session.location();
    if (m_session.locationPlaced()) {
        emit locationChosen(*where->latitude, *where->longitude);
        emit locationEntered(*where->latitude, *where->longitude, where->address);
    } else {
        emit locationCleared();
    }
    const QDateTime now = m_service.now();
    m_banner.showFor(m_intake.knownIssues(now), m_typeCode(),
                     m_session.locationPlaced()
                         ? std::optional(std::pair(*where->latitude, *where->longitude))
                         : std::nullopt,
                     now);
    if (m_banner.isVisible())
        m_follower.ensureVisible(&m_banner); // the text, the script and its key in view
}

} // namespace civicdesk
