#include "ui/lobby/displayboard.h"

#include "models/lobby/lobbyrepository.h"
#include "models/store/storechanges.h"
#include "ui/lobby/callout.h"
#include "ui/lobby/ticketslip.h"
#include "ui/lobby/visitortext.h"

#include <QGridLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

namespace {

const char *const Context = "civicdesk::DisplayBoard";
const char *const NowServing = QT_TRANSLATE_NOOP("civicdesk::DisplayBoard", "Now serving");
const char *const Ticket = QT_TRANSLATE_NOOP("civicdesk::DisplayBoard", "Ticket");
const char *const Counter = QT_TRANSLATE_NOOP("civicdesk::DisplayBoard", "Counter");
const char *const CalledBefore = QT_TRANSLATE_NOOP("civicdesk::DisplayBoard", "Called before");
const char *const TakeATicket =
    QT_TRANSLATE_NOOP("civicdesk::DisplayBoard", "Please take a ticket");

// The board speaks to the whole lobby: English and Spanish at once, whatever the language of
// the PC it runs on ("Now serving · Atendiendo").
QString inBothLanguages(const char *source, const QString &between = QStringLiteral(" · "))
{
    return VisitorText(QStringLiteral("en"))(Context, source) + between +
           VisitorText(QStringLiteral("es"))(Context, source);
}

// The point sizes are for a 1366x768 screen (a common lobby TV); a larger screen scales them.
const char *const BasePoints = "basePoints";
constexpr double DesignWidth = 1366, DesignHeight = 768;

// The ticket now served: the size of "A012"; a longer number is shown smaller.
constexpr int NowPoints = 120;

QLabel *label(QWidget *parent, const QString &name, int points, const QString &color,
              bool bold = true)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    QFont font = l->font();
    font.setPointSize(points);
    font.setBold(bold);
    l->setFont(font);
    l->setProperty(BasePoints, points); // at 1366x768; scaled to the screen
    l->setStyleSheet(QStringLiteral("color: %1; background: transparent;").arg(color));
    return l;
}

} // namespace

DisplayBoard::DisplayBoard(const LobbyRepository &lobby, StoreChanges &changes, QWidget *parent)
    : QWidget(parent), m_lobby(lobby), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("displayBoard"));
    setWindowTitle(tr("Display board"));
    setAutoFillBackground(true);
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, Qt::black);
    setPalette(palette);
    setAccessibleName(tr("Lobby display board"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 32, 48, 32);
    // The calls: now serving and the ones before, shown once someone has been called.
    m_calls = new QWidget(this);
    m_calls->setObjectName(QStringLiteral("boardCallsWidget"));
    auto *calls = new QVBoxLayout(m_calls);
    calls->setContentsMargins(0, 0, 0, 0);
    auto *heading =
        label(m_calls, QStringLiteral("nowServingHeading"), 36, QStringLiteral("#ffffff"));
    heading->setText(inBothLanguages(NowServing));
    calls->addWidget(heading);
    // The ticket and its counter side by side, each under its caption in both languages.
    auto *now = new QGridLayout;
    auto *ticketCaption =
        label(m_calls, QStringLiteral("nowTicketCaption"), 24, QStringLiteral("#ffffff"), false);
    ticketCaption->setText(inBothLanguages(Ticket));
    auto *counterCaption =
        label(m_calls, QStringLiteral("nowCounterCaption"), 24, QStringLiteral("#ffffff"), false);
    counterCaption->setText(inBothLanguages(Counter));
    m_nowTicket = label(m_calls, QStringLiteral("nowServingTicketLabel"), NowPoints,
                        QStringLiteral("#ffd400"));
    m_nowCounter =
        label(m_calls, QStringLiteral("nowServingCounterLabel"), 120, QStringLiteral("#ffffff"));
    now->addWidget(ticketCaption, 0, 0);
    now->addWidget(counterCaption, 0, 1);
    now->addWidget(m_nowTicket, 1, 0);
    now->addWidget(m_nowCounter, 1, 1);
    now->setColumnStretch(0, 3);
    now->setColumnStretch(1, 2);
    calls->addLayout(now);
    auto *recentHeading =
        label(m_calls, QStringLiteral("recentHeading"), 28, QStringLiteral("#ffffff"));
    recentHeading->setText(inBothLanguages(CalledBefore));
    calls->addSpacing(16);
    calls->addWidget(recentHeading);
    auto *grid = new QGridLayout;
    for (int i = 0; i < RecentCount - 1; ++i) {
        auto *row = label(m_calls, QStringLiteral("recentCall%1Label").arg(i), 40,
                          QStringLiteral("#ffffff"), false);
        m_recent.append(row);
        grid->addWidget(row, i % 3, i / 3);
    }
    calls->addLayout(grid);
    calls->addStretch();
    layout->addWidget(m_calls, 1);
    // Before anyone is called: only the invitation, in the middle of the screen, one line per
    // language (both on one line barely fit a 1366x768 screen), and no empty headings.
    m_empty = label(this, QStringLiteral("boardEmptyLabel"), 40, QStringLiteral("#ffffff"), false);
    m_empty->setText(inBothLanguages(TakeATicket, QStringLiteral("\n")));
    m_empty->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_empty, 1);

    connect(&changes, &StoreChanges::applied, this, [this](const StoreChanges::Applied &what) {
        if (what.touches(QStringLiteral("ticket")))
            refresh();
    });
    // A safety net for changes made by another connection to the same store file.
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &DisplayBoard::refresh);
    m_timer->start();
    refresh();
}

void DisplayBoard::refresh()
{
    const QList<LobbyTicket> calls = m_lobby.recentlyCalled(RecentCount);
    m_empty->setVisible(calls.isEmpty());
    m_calls->setVisible(!calls.isEmpty());
    if (calls.isEmpty()) {
        m_nowTicket->clear();
        m_nowCounter->clear();
    } else {
        m_nowTicket->setText(calls.first().number);
        const int points = TicketSlipPrinter::numberPoints(calls.first().number, NowPoints);
        m_nowTicket->setProperty(BasePoints, points);
        QFont font = m_nowTicket->font();
        font.setPointSizeF(points * m_scale);
        m_nowTicket->setFont(font);
        m_nowCounter->setText(calls.first().counter);
        m_nowTicket->setAccessibleName(
            tr("Ticket %1 to counter %2").arg(calls.first().number, calls.first().counter));
    }
    // A new call, or a recall, since the last look: say it (calls already on the board when it
    // starts are not).
    const QString newest =
        calls.isEmpty() ? QString()
                        : calls.first().id + u'@' +
                              QString::number(calls.first().lastCalledAt.toMSecsSinceEpoch());
    if (m_callOut && m_lastCall && *m_lastCall != newest && !calls.isEmpty())
        m_callOut->announce(calls.first().number, calls.first().counter, calls.first().language);
    m_lastCall = newest;
    for (int i = 0; i < m_recent.size(); ++i) {
        QLabel *row = m_recent.at(i);
        if (i + 1 < calls.size())
            row->setText(
                QStringLiteral("%1  →  %2").arg(calls.at(i + 1).number, calls.at(i + 1).counter));
        else
            row->clear();
    }
}

QStringList DisplayBoard::shownCalls() const
{
    QStringList shown;
    if (!m_nowTicket->text().isEmpty())
        shown.append(m_nowTicket->text() + u' ' + m_nowCounter->text());
    for (const QLabel *row : m_recent) {
        if (!row->text().isEmpty())
            shown.append(row->text().section(u' ', 0, 0) + u' ' + row->text().section(u' ', -1));
    }
    return shown;
}

void DisplayBoard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The whole board grows with the screen, the same proportions as at 1366x768: a 1920x1080
    // TV shows the number 1.4 times as large rather than in its top-left corner.
    m_scale = std::clamp(std::min(width() / DesignWidth, height() / DesignHeight), 0.5, 3.0);
    for (QLabel *label : findChildren<QLabel *>()) {
        const QVariant points = label->property(BasePoints);
        if (!points.isValid())
            continue;
        QFont font = label->font();
        font.setPointSizeF(points.toDouble() * m_scale);
        label->setFont(font);
    }
}

} // namespace civicdesk
