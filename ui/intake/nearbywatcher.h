#pragma once

#include <QObject>
#include <functional>

namespace civicdesk {

class FocusFollower;
class IntakeRepository;
class IntakeService;
class IntakeSession;
class KnownIssueBanner;
class RequestBox;

// What is near the request's place, looked up again whenever the type or the place changes:
// the open requests of its type (listed to attach to, and sent to the map) and a known issue a
// supervisor posted for that type there (its banner in view). The map and history follow the
// place.
class NearbyWatcher : public QObject
{
    Q_OBJECT

public:
    // `typeCode`: the type of the request (or the one highlighted in the picker).
    NearbyWatcher(IntakeSession &session, const IntakeService &service,
                  const IntakeRepository &intake, RequestBox &request, KnownIssueBanner &banner,
                  FocusFollower &follower, std::function<QString()> typeCode,
                  QObject *parent = nullptr);

    void refresh();

signals:
    void locationChosen(double latitude, double longitude);
    void locationEntered(double latitude, double longitude, const QString &address);
    void locationCleared();

private:
    IntakeSession &m_session;
    const IntakeService &m_service;
    const IntakeRepository &m_intake;
    RequestBox &m_request;
    KnownIssueBanner &m_banner;
    FocusFollower &m_follower;
    std::function<QString()> m_typeCode;
};

} // namespace civicdesk
