#include "ui/supervisor/periodfields.h"

#include "models/supervision/kpi/kpiperiod.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QLocale>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PeriodFields)
};

enum Choice
{
    Today,
    ThisWeek,
    Custom
};

} // namespace

PeriodFields PeriodFields::make(QWidget *parent, const QString &name, const Clock &clock,
                                const QTimeZone &zone, std::function<void()> changed)
{
    PeriodFields f;
    f.choice = new QComboBox(parent);
    f.choice->setObjectName(name + u"PeriodComboBox");
    f.choice->setAccessibleName(Text::tr("Period"));
    f.choice->addItems({Text::tr("Today"), Text::tr("This week"), Text::tr("Chosen days")});
    const QDate today = clock.now().toTimeZone(zone).date();
    f.from = new QDateEdit(today, parent);
    f.from->setObjectName(name + u"FromDateEdit");
    f.from->setAccessibleName(Text::tr("From (first day)"));
    f.to = new QDateEdit(today, parent);
    f.to->setObjectName(name + u"ToDateEdit");
    f.to->setAccessibleName(Text::tr("To (last day)"));
    for (QDateEdit *edit : {f.from, f.to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    QObject::connect(
        f.choice, &QComboBox::currentIndexChanged, parent, [f, clock, zone, changed](int choice) {
            if (choice != Custom) {
                const QDateTime now = clock.now();
                const KpiPeriod period =
                    choice == Today ? KpiPeriod::today(now, zone) : KpiPeriod::thisWeek(now, zone);
                const QSignalBlocker blockFrom(f.from);
                const QSignalBlocker blockTo(f.to);
                f.from->setDate(period.first);
                f.to->setDate(period.last);
            }
            changed();
        });
    for (QDateEdit *edit : {f.from, f.to})
        QObject::connect(edit, &QDateEdit::dateChanged, parent, [f, changed] {
            if (f.choice->currentIndex() != Custom) {
                const QSignalBlocker block(f.choice);
                f.choice->setCurrentIndex(Custom);
            }
            changed();
        });
    return f;
}

} // namespace civicdesk
