#pragma once

// The call taker's side of a known issue, by keyboard (tst_clusterjourney, tst_knownissuedesks):
// a new contact, a caller's number, the rodent type and 57 A Chestnut St of the mini city. The
// intake's known-issue banner, hidden until the place is given; null when a key went astray.

#include "models/domain/event.h"
#include "models/store/eventstore.h"
#include "tests/support/keyboardjourney.h"
#include "ui/common/mainwindow.h"
#include "ui/intake/knownissuebanner.h"

namespace civicdesk::test {

// Three rodent reports by `actor` on `device` in the last half hour, 30 m apart along A Chestnut
// St from number 57 (the first one there); false when one is refused.
inline bool appendRodentReports(EventStore &events, const QStringList &numbers,
                                const QString &actor, const QString &device)
{
    constexpr double Lat = 42.3572; // 57 A Chestnut St in the mini pack
    constexpr double Lon = -71.0694;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < numbers.size(); ++i) {
        const Event e = Event::make(
            QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
            {{QStringLiteral("number"), numbers.at(i)},
             {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
             {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
             {QStringLiteral("address"), QStringLiteral("%1 A Chestnut St").arg(57 + 2 * i)},
             {QStringLiteral("latitude"), Lat + i * 0.00027},
             {QStringLiteral("longitude"), Lon}},
            actor, device, now.addSecs(-1800 + i * 300));
        if (!events.append(e))
            return false;
    }
    return true;
}

inline KnownIssueBanner *rodentCallAtChestnutSt(Journey &j, MainWindow &window)
{
    if (!j.press(Qt::Key_N, Qt::ControlModifier) ||
        !j.type("callerPhoneLineEdit", QStringLiteral("6175550177")) ||
        !j.press(Qt::Key_1, Qt::ControlModifier) ||
        !j.type("typeSearchLineEdit", QStringLiteral("rodent")) || !j.press(Qt::Key_Return))
        return nullptr;
    auto *banner = window.findChild<KnownIssueBanner *>();
    if (!banner || banner->isVisible()) { // no place yet: no banner
        qWarning("the known-issue banner is missing, or shown before the place is given");
        return nullptr;
    }
    if (!j.press(Qt::Key_Tab) || !j.type("addressLineEdit", QStringLiteral("57 a chestnut")) ||
        !j.press(Qt::Key_Return)) // picks the first address
        return nullptr;
    return banner;
}

} // namespace civicdesk::test
