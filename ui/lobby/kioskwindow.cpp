#include "ui/lobby/kioskwindow.h"

#include "ui/lobby/ticketslip.h"
#include "ui/lobby/visitortext.h"

#include <QDir>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace civicdesk {

namespace {

const char *const Context = "civicdesk::KioskWindow";
const char *const ReasonTitle =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "What is your visit about?");
const char *const NeedTitle =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Do you need assistance?");
const char *const NeedNone = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "No");
const char *const NeedWheelchair =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Wheelchair or mobility");
const char *const NeedVision = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Low vision");
const char *const NeedHearing = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Hearing");
const char *const NeedOther = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Other need");
const char *const NameTitle =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Your name (optional, never shown on the screen)");
const char *const NameField = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Your name");
const char *const GetTicket = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Get my ticket");
const char *const TicketTitle = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Your ticket number");
const char *const Wait =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "People ahead of you: %1. Expected wait: about %2 "
                                                "minutes.\nWatch the screen for your number.");
const char *const WaitSoon =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "People ahead of you: %1. You will be called "
                                                "shortly.\nWatch the screen for your number.");
const char *const Welcome = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Welcome to %1");
const char *const ChooseLanguage =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Choose your language");
const char *const Done = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Done");
const char *const Back = QT_TRANSLATE_NOOP("civicdesk::KioskWindow", "Back");
const char *const NotPrinted = QT_TRANSLATE_NOOP(
    "civicdesk::KioskWindow", "The ticket could not be printed: please remember your number.");
// Why no ticket came out, in the visitor's words: what the store or the counter's rules said
// goes to the log, the visitor learns what to do.
const char *const NameTooLong = QT_TRANSLATE_NOOP(
    "civicdesk::KioskWindow", "Your name can be at most 100 characters: please shorten it.");
const char *const NoNumber =
    QT_TRANSLATE_NOOP("civicdesk::KioskWindow",
                      "No ticket number is free just now: please try again, or ask at the desk.");
const char *const NotIssued = QT_TRANSLATE_NOOP(
    "civicdesk::KioskWindow",
    "Your ticket could not be issued: please try again, or ask at the desk for help.");

// The ticket number's size ("A012"; a longer number is shown smaller).
constexpr int NumberPoints = 110;

QLabel *title(QWidget *parent, const QString &name, int points = 28)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setAlignment(Qt::AlignCenter);
    QFont font = l->font();
    font.setPointSize(points);
    font.setBold(true);
    l->setFont(font);
    return l;
}

} // namespace

KioskWindow::KioskWindow(LobbyService &lobby, const QString &cityName, QWidget *parent)
    : QWidget(parent), m_lobby(lobby), m_cityName(cityName), m_pages(new QStackedWidget(this)),
      m_idle(new QTimer(this))
{
    setObjectName(QStringLiteral("kioskWindow"));
    m_ticketFolder = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                         .filePath(QStringLiteral("CivicDesk tickets"));
    setWindowTitle(tr("Check-in"));
    setStyleSheet(QStringLiteral(
        "QWidget#kioskWindow { background: #f4f6f8; } QPushButton { font-size: 22pt; "
        "min-height: 84px; padding: 8px 24px; border: 3px solid #1d3c6e; border-radius: 12px; "
        "background: white; color: #10243f; } QPushButton:focus { background: #ffd400; } "
        "QLineEdit { font-size: 24pt; min-height: 64px; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 24, 40, 24);
    layout->addWidget(m_pages);
    m_error = title(this, QStringLiteral("kioskErrorLabel"), 16);
    m_error->setStyleSheet(QStringLiteral("color: #a00000;"));
    layout->addWidget(m_error);

    // 1. Language: both languages at once, until one is chosen.
    auto *languagePage = new QWidget(m_pages);
    auto *lv = new QVBoxLayout(languagePage);
    m_welcome = title(languagePage, QStringLiteral("kioskWelcomeLabel"), 34);
    // Whatever the kiosk's own language: each line in English and in Spanish.
    const VisitorText english(QStringLiteral("en")), spanish(QStringLiteral("es"));
    m_welcome->setText(english(Context, Welcome).arg(cityName) + QStringLiteral(" · ") +
                       spanish(Context, Welcome).arg(cityName) + u'\n' +
                       english(Context, ChooseLanguage) + QStringLiteral(" · ") +
                       spanish(Context, ChooseLanguage));
    lv->addWidget(m_welcome);
    m_english = bigButton(QStringLiteral("kioskEnglishButton"), languagePage);
    m_english->setText(QStringLiteral("English"));
    m_english->setAccessibleName(QStringLiteral("English"));
    m_spanish = bigButton(QStringLiteral("kioskSpanishButton"), languagePage);
    m_spanish->setText(QStringLiteral("Español"));
    m_spanish->setAccessibleName(QStringLiteral("Español"));
    lv->addWidget(m_english);
    lv->addWidget(m_spanish);
    lv->addStretch();
    connect(m_english, &QPushButton::clicked, this,
            [this] { chooseLanguage(QStringLiteral("en")); });
    connect(m_spanish, &QPushButton::clicked, this,
            [this] { chooseLanguage(QStringLiteral("es")); });

    // 2. Reason: the city's service categories, two columns.
    auto *reasonPage = new QWidget(m_pages);
    auto *rv = new QVBoxLayout(reasonPage);
    m_reasonTitle = title(reasonPage, QStringLiteral("kioskReasonLabel"));
    rv->addWidget(m_reasonTitle);
    auto *grid = new QGridLayout;
    const QStringList categories = m_lobby.categories();
    const int rows = int((categories.size() + 1) / 2);
    for (int i = 0; i < categories.size(); ++i) {
        auto *button = bigButton(QStringLiteral("kioskReason%1Button").arg(i), reasonPage);
        const QString category = categories.at(i);
        button->setStyleSheet(QStringLiteral("min-height: 48px; font-size: 18pt;"));
        connect(button, &QPushButton::clicked, this, [this, category] {
            m_checkIn.category = category;
            showPage(NeedPage);
        });
        grid->addWidget(button, i % rows, i / rows);
        m_reasons.append(button);
    }
    rv->addLayout(grid);
    rv->addStretch();

    // 3. Accessibility need.
    auto *needPage = new QWidget(m_pages);
    auto *nv = new QVBoxLayout(needPage);
    m_needTitle = title(needPage, QStringLiteral("kioskNeedLabel"));
    nv->addWidget(m_needTitle);
    const QList<std::pair<QString, QString>> needs = {
        {QString(), QStringLiteral("kioskNeedNoneButton")},
        {QStringLiteral("wheelchair"), QStringLiteral("kioskNeedWheelchairButton")},
        {QStringLiteral("vision"), QStringLiteral("kioskNeedVisionButton")},
        {QStringLiteral("hearing"), QStringLiteral("kioskNeedHearingButton")},
        {QStringLiteral("other"), QStringLiteral("kioskNeedOtherButton")}};
    auto *needGrid = new QGridLayout;
    for (int i = 0; i < needs.size(); ++i) {
        auto *button = bigButton(needs.at(i).second, needPage);
        const QString need = needs.at(i).first;
        connect(button, &QPushButton::clicked, this, [this, need] {
            m_checkIn.accessibility = need;
            showPage(NamePage);
        });
        needGrid->addWidget(button, i == 0 ? 0 : 1 + (i - 1) / 2, i == 0 ? 0 : (i - 1) % 2, 1,
                            i == 0 ? 2 : 1);
        m_needs.append({need, button});
    }
    nv->addLayout(needGrid);
    nv->addStretch();

    // 4. Name, optional.
    auto *namePage = new QWidget(m_pages);
    auto *mv = new QVBoxLayout(namePage);
    m_nameTitle = title(namePage, QStringLiteral("kioskNameLabel"));
    m_name = new QLineEdit(namePage);
    m_name->setObjectName(QStringLiteral("kioskNameLineEdit"));
    m_name->setMaxLength(100);
    m_nameTitle->setBuddy(m_name);
    m_getTicket = bigButton(QStringLiteral("kioskGetTicketButton"), namePage);
    mv->addWidget(m_nameTitle);
    mv->addWidget(m_name);
    mv->addWidget(m_getTicket);
    mv->addStretch();
    connect(m_name, &QLineEdit::returnPressed, this, &KioskWindow::issue);
    connect(m_getTicket, &QPushButton::clicked, this, &KioskWindow::issue);

    // 5. The ticket.
    auto *ticketPage = new QWidget(m_pages);
    auto *tv = new QVBoxLayout(ticketPage);
    m_ticketTitle = title(ticketPage, QStringLiteral("kioskTicketTitleLabel"));
    m_ticketNumber = title(ticketPage, QStringLiteral("kioskTicketNumberLabel"), NumberPoints);
    m_ticketNumber->setStyleSheet(QStringLiteral("color: #10243f;"));
    m_ticketWait = title(ticketPage, QStringLiteral("kioskTicketWaitLabel"), 20);
    m_done = bigButton(QStringLiteral("kioskDoneButton"), ticketPage);
    tv->addWidget(m_ticketTitle);
    tv->addWidget(m_ticketNumber);
    tv->addWidget(m_ticketWait);
    tv->addWidget(m_done);
    tv->addStretch();
    connect(m_done, &QPushButton::clicked, this, &KioskWindow::restart);

    for (QWidget *page : {languagePage, reasonPage, needPage, namePage, ticketPage})
        m_pages->addWidget(page);
    // Every step after the first has a way back.
    for (QWidget *page : {reasonPage, needPage, namePage}) {
        auto *back = bigButton(QStringLiteral("kioskBack%1Button").arg(m_backButtons.size()), page);
        back->setStyleSheet(QStringLiteral("min-height: 48px; font-size: 16pt;"));
        static_cast<QVBoxLayout *>(page->layout())->addWidget(back);
        connect(back, &QPushButton::clicked, this,
                [this] { showPage(Page(std::max(0, m_pages->currentIndex() - 1))); });
        m_backButtons.append(back);
    }
    m_idle->setSingleShot(true);
    m_idle->setInterval(60000);
    connect(m_idle, &QTimer::timeout, this, &KioskWindow::restart);
    retranslate();
    showPage(LanguagePage);
}

QPushButton *KioskWindow::bigButton(const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(objectName);
    button->setAutoDefault(true);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

void KioskWindow::keyPressEvent(QKeyEvent *event)
{
    // Reached when the focused widget does not use the key itself: a button moves the focus
    // with the arrows on its own, the name field leaves Up and Down and Escape to the kiosk.
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
        focusNextPrevChild(event->key() == Qt::Key_Down);
        return;
    case Qt::Key_Escape:
        if (m_pages->currentIndex() > LanguagePage && m_pages->currentIndex() < TicketPage)
            showPage(Page(m_pages->currentIndex() - 1));
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void KioskWindow::chooseLanguage(const QString &language)
{
    m_language = language;
    m_checkIn = {};
    m_checkIn.language = language;
    retranslate();
    showPage(ReasonPage);
}

void KioskWindow::retranslate()
{
    const VisitorText t(m_language);
    m_reasonTitle->setText(t(Context, ReasonTitle));
    // The city's own names of its categories, in the visitor's language.
    const QStringList categories = m_lobby.categories();
    for (int i = 0; i < m_reasons.size() && i < categories.size(); ++i) {
        m_reasons.at(i)->setText(m_lobby.categoryName(categories.at(i), m_language));
        m_reasons.at(i)->setAccessibleName(m_reasons.at(i)->text());
    }
    m_needTitle->setText(t(Context, NeedTitle));
    const QList<const char *> needTexts = {NeedNone, NeedWheelchair, NeedVision, NeedHearing,
                                           NeedOther};
    for (int i = 0; i < m_needs.size(); ++i) {
        m_needs.at(i).second->setText(t(Context, needTexts.at(i)));
        m_needs.at(i).second->setAccessibleName(m_needs.at(i).second->text());
    }
    m_nameTitle->setText(t(Context, NameTitle));
    m_name->setAccessibleName(t(Context, NameField));
    m_getTicket->setText(t(Context, GetTicket));
    m_getTicket->setAccessibleName(m_getTicket->text());
    m_ticketTitle->setText(t(Context, TicketTitle));
    m_done->setText(t(Context, Done));
    m_done->setAccessibleName(m_done->text());
    for (QPushButton *back : m_backButtons) {
        back->setText(t(Context, Back));
        back->setAccessibleName(back->text());
    }
}

void KioskWindow::showPage(Page page)
{
    m_error->clear();
    m_pages->setCurrentIndex(page);
    m_idle->start();
    QWidget *first = nullptr;
    switch (page) {
    case LanguagePage:
        first = m_english;
        break;
    case ReasonPage:
        first = m_reasons.isEmpty() ? nullptr : m_reasons.first();
        break;
    case NeedPage:
        first = m_needs.first().second;
        break;
    case NamePage:
        m_name->clear();
        first = m_name;
        break;
    case TicketPage:
        first = m_done;
        break;
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
}

void KioskWindow::issue()
{
    // With a central store the number is the store's: one press, one answer.
    if (m_issuing)
        return;
    m_issuing = true;
    m_getTicket->setEnabled(false);
    m_checkIn.name = m_name->text();
    const QPointer<KioskWindow> self(this);
    m_lobby.issue(m_checkIn, [self](Result<IssuedTicket> issued) {
        if (self)
            self->issued(issued);
    });
}

void KioskWindow::issued(const Result<IssuedTicket> &issued)
{
    m_issuing = false;
    m_getTicket->setEnabled(true);
    if (!issued) {
        qWarning("kiosk: no ticket issued: %s (%s)", qPrintable(issued.error().message),
                 qPrintable(issued.error().code));
        const QString &code = issued.error().code;
        const char *text = code == u"lobby.name"     ? NameTooLong
                           : code == u"lobby.number" ? NoNumber
                                                     : NotIssued;
        m_error->setText(VisitorText(m_language)(Context, text));
        m_getTicket->setFocus(Qt::OtherFocusReason);
        return;
    }
    const VisitorText t(m_language);
    m_lastNumber = issued.value().ticket.number;
    m_ticketNumber->setText(m_lastNumber);
    QFont font = m_ticketNumber->font();
    font.setPointSize(TicketSlipPrinter::numberPoints(m_lastNumber, NumberPoints));
    m_ticketNumber->setFont(font);
    m_ticketNumber->setAccessibleName(m_lastNumber);
    // "About 0 minutes" (or 1 minutes) reads wrong: within a minute, "shortly".
    const qint64 minutes = (issued.value().estimatedWaitSeconds + 59) / 60;
    m_ticketWait->setText(minutes <= 1 ? t(Context, WaitSoon).arg(issued.value().ahead)
                                       : t(Context, Wait).arg(issued.value().ahead).arg(minutes));
    showPage(TicketPage);
    printTicket(issued.value());
    emit ticketIssued(issued.value());
}

void KioskWindow::printTicket(const IssuedTicket &issued)
{
    const TicketSlip slip = slipOf(issued, m_lobby, m_cityName, m_timeZone);
    const auto where = TicketSlipPrinter::printOrSave(slip, m_ticketFolder);
    if (where) {
        m_lastPrinted = where.value();
        return;
    }
    // The number stays on the screen; the visitor is told, and the log says why.
    m_lastPrinted.clear();
    qWarning("kiosk: ticket %s not printed: %s", qPrintable(slip.number),
             qPrintable(where.error().message));
    m_error->setText(VisitorText(m_language)(Context, NotPrinted));
}

void KioskWindow::restart()
{
    m_language = QStringLiteral("en");
    m_checkIn = {};
    retranslate();
    showPage(LanguagePage);
}

} // namespace civicdesk
