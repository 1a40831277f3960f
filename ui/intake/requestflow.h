#pragma once

#include "models/domain/servicetype.h"
#include "models/intake/intakesession.h"

#include <QObject>

class QLabel;

namespace civicdesk {

class CallerBox;
class CatalogueRepository;
class DraftKeeper;
class FocusFollower;
class KnownIssueBanner;
class NearbyWatcher;
class RequestBox;
class TypePicker;

// The request on the form: a type chosen (in the picker, from an article, from a draft) puts
// its questions on screen with the focus on the first one and the picker folded; answers,
// description and place go into the session (and the draft) as they are typed; a request done
// with leaves an empty form and the focus in the type search.
class RequestFlow : public QObject
{
    Q_OBJECT

public:
    struct Widgets
    {
        TypePicker &types;
        RequestBox &request;
        CallerBox &caller;
        KnownIssueBanner &knownIssue;
        QLabel &result;
        QLabel &message;
    };
    RequestFlow(const CatalogueRepository &catalogue, IntakeSession &session, Widgets widgets,
                FocusFollower &follower, NearbyWatcher &nearby, DraftKeeper &drafts,
                QObject *parent = nullptr);

    // The type under the picker's cursor becomes the request's.
    void chooseCurrentType();
    // The request's type changes to `type` (the answers given so far stay in the record).
    void setType(const ServiceType &type);
    // The widgets of the request follow the session's type.
    void showType(const ServiceType &type);
    void setPickedLocation(const IntakeLocation &where);
    // The request on the form is gone (submitted, attached or dropped): the form is empty.
    void reset();

signals:
    // Questions came or went: the Tab order is laid again.
    void formChanged();

private:
    const CatalogueRepository &m_catalogue;
    IntakeSession &m_session;
    Widgets m_w;
    FocusFollower &m_follower;
    NearbyWatcher &m_nearby;
    DraftKeeper &m_drafts;
};

} // namespace civicdesk
