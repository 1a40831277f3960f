// The counter's widgets, their order for the keyboard and their texts.

#include "ui/lobby/counterpanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace civicdesk {

void CounterPanel::buildUi()
{
    const auto makeLabel = [this](const char *name) {
        auto *l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        return l;
    };
    const auto makeButton = [this](const char *name, void (CounterPanel::*slot)(), Qt::Key key) {
        auto *b = new QPushButton(this);
        b->setObjectName(QString::fromLatin1(name));
        connect(b, &QPushButton::clicked, this, slot);
        if (key != Qt::Key_unknown) {
            auto *shortcut = new QShortcut(QKeySequence(key), this);
            shortcut->setContext(Qt::WidgetWithChildrenShortcut);
            connect(shortcut, &QShortcut::activated, this, slot);
        }
        return b;
    };
    m_counterLabel = makeLabel("counterNameLabel");
    m_counter = new QLineEdit(this);
    m_counter->setObjectName(QStringLiteral("counterNameLineEdit"));
    m_counter->setMaxLength(20);
    m_counter->setText(QStringLiteral("1"));
    m_counterLabel->setBuddy(m_counter);
    m_categoryLabel = makeLabel("counterCategoryLabel");
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("counterCategoryComboBox"));
    m_categoryLabel->setBuddy(m_category);
    m_queueLabel = makeLabel("counterQueueLabel");
    m_queue = new QTreeWidget(this);
    m_queue->setObjectName(QStringLiteral("counterQueueTreeWidget"));
    m_queue->setRootIsDecorated(false);
    // Read at a glance: every column whole, sized to what it holds; only the visitor's name (free
    // text, last) gives way and elides. Minutes carry their unit in the cell, a need its short
    // word, so the list fits the counter's dock at 1366x768 in either language.
    m_queue->setColumnCount(7);
    m_queue->setAllColumnsShowFocus(true);
    m_queue->setTextElideMode(Qt::ElideRight);
    m_queue->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_queue->header()->setStretchLastSection(false);
    m_queue->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_queue->header()->setSectionsMovable(false);
    m_queueLabel->setBuddy(m_queue);
    m_parkedLabel = makeLabel("counterParkedLabel");
    m_parked = new QListWidget(this);
    m_parked->setObjectName(QStringLiteral("counterParkedListWidget"));
    m_parked->setMaximumHeight(70);
    m_parkedLabel->setBuddy(m_parked);

    m_checkIn = makeButton("checkInButton", &CounterPanel::checkIn, Qt::Key_F4);
    m_callNext = makeButton("callNextButton", &CounterPanel::callNext, Qt::Key_F5);
    m_callChosen = makeButton("callChosenButton", &CounterPanel::callChosen, Qt::Key_unknown);
    m_recall = makeButton("recallButton", &CounterPanel::recall, Qt::Key_F6);
    m_noShow = makeButton("noShowButton", &CounterPanel::noShow, Qt::Key_F7);
    m_park = makeButton("parkButton", &CounterPanel::park, Qt::Key_F8);
    m_transfer = makeButton("transferButton", &CounterPanel::transfer, Qt::Key_F9);
    m_return = makeButton("returnToQueueButton", &CounterPanel::returnToQueue, Qt::Key_F10);
    m_walkIn = makeButton("walkInContactButton", &CounterPanel::startWalkIn, Qt::Key_F11);
    m_finish = makeButton("finishVisitButton", &CounterPanel::finishVisit, Qt::Key_F12);

    m_card = makeLabel("visitCardLabel");
    m_card->setWordWrap(true);
    m_card->setTextFormat(Qt::PlainText); // article titles and names are shown as written
    m_card->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_card->setFrameShape(QFrame::StyledPanel);
    m_card->setMinimumHeight(64);
    // Its lines wrap to the list's width and never widen the panel.
    m_card->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_reasonLabel = makeLabel("counterReasonLabel");
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("counterReasonLineEdit"));
    m_reason->setMaxLength(500);
    m_reasonLabel->setBuddy(m_reason);
    m_toCounterLabel = makeLabel("transferCounterLabel");
    m_toCounter = new QLineEdit(this);
    m_toCounter->setObjectName(QStringLiteral("transferCounterLineEdit"));
    m_toCounter->setMaxLength(20);
    m_toCounterLabel->setBuddy(m_toCounter);
    m_toCategoryLabel = makeLabel("transferCategoryLabel");
    m_toCategory = new QComboBox(this);
    m_toCategory->setObjectName(QStringLiteral("transferCategoryComboBox"));
    m_toCategoryLabel->setBuddy(m_toCategory);
    m_outcomeLabel = makeLabel("visitOutcomeLabel");
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("visitOutcomeComboBox"));
    m_outcomeLabel->setBuddy(m_outcome);
    m_notesLabel = makeLabel("visitNotesLabel");
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("visitNotesPlainTextEdit"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(60);
    m_notesLabel->setBuddy(m_notes);
    m_message = makeLabel("counterMessageLabel");
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_counterLabel);
    top->addWidget(m_counter, 1);
    top->addWidget(m_categoryLabel);
    top->addWidget(m_category, 3);
    auto *left = new QVBoxLayout;
    left->addLayout(top);
    left->addWidget(m_queueLabel);
    left->addWidget(m_queue, 1);
    // Who is at the counter, under who waits: the buttons beside keep the column's height.
    left->addWidget(m_card);
    left->addWidget(m_parkedLabel);
    left->addWidget(m_parked);
    auto *buttons = new QGridLayout;
    // Two a row: the waiting list beside them gets the width to show every column.
    const QList<QPushButton *> all = {m_callNext, m_callChosen, m_recall, m_noShow, m_park,
                                      m_transfer, m_return,     m_walkIn, m_finish, m_checkIn};
    for (int i = 0; i < all.size(); ++i)
        buttons->addWidget(all.at(i), i / 2, i % 2);
    auto *form = new QFormLayout;
    form->addRow(m_reasonLabel, m_reason);
    // The counter and the category a visitor is transferred to, a row each: the column stays
    // narrow and the waiting list keeps its width.
    form->addRow(m_toCounterLabel, m_toCounter);
    form->addRow(m_toCategoryLabel, m_toCategory);
    form->addRow(m_outcomeLabel, m_outcome);
    form->addRow(m_notesLabel, m_notes);
    auto *right = new QVBoxLayout;
    right->addLayout(buttons);
    right->addLayout(form);
    right->addWidget(m_message);
    right->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);

    // The agent's order: where am I, who waits, what to do, the details of it.
    QList<QWidget *> chain = {m_counter, m_category, m_queue};
    chain << m_callNext << m_callChosen << m_recall << m_noShow << m_park << m_transfer << m_return
          << m_walkIn << m_finish << m_checkIn << m_reason << m_toCounter << m_toCategory
          << m_outcome << m_notes << m_parked;
    for (int i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
    connect(m_category, &QComboBox::currentIndexChanged, this, &CounterPanel::refresh);
    connect(m_counter, &QLineEdit::editingFinished, this, &CounterPanel::refresh);
    connect(m_queue, &QTreeWidget::itemActivated, this, &CounterPanel::callChosen);
    connect(m_parked, &QListWidget::itemActivated, this, [this] { returnToQueue(); });
}

void CounterPanel::retranslate()
{
    m_counterLabel->setText(tr("Counter:"));
    m_counter->setAccessibleName(tr("Counter"));
    m_categoryLabel->setText(tr("Serves:"));
    const QString category = m_category->currentData().toString();
    const QString toCategory = m_toCategory->currentData().toString();
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    m_toCategory->clear();
    m_toCategory->addItem(tr("(same category)"), QString());
    for (const QString &c : m_ctx.lobby.categories()) {
        const QString shown = m_ctx.lobby.categoryName(c, agentLanguage());
        m_category->addItem(shown, c);
        m_toCategory->addItem(shown, c);
    }
    m_category->setCurrentIndex(std::max(0, m_category->findData(category)));
    m_toCategory->setCurrentIndex(std::max(0, m_toCategory->findData(toCategory)));
    m_category->setAccessibleName(tr("Categories this counter serves"));
    m_queueLabel->setText(tr("W&aiting (call next takes the first)"));
    m_queue->setHeaderLabels({tr("Ticket"), tr("Reason"), tr("Need"), tr("Language"), tr("Waited"),
                              tr("Expected"), tr("Name")});
    m_queue->headerItem()->setToolTip(4, tr("Minutes waited since the ticket was taken"));
    m_queue->headerItem()->setToolTip(5, tr("Expected minutes until this visitor is called"));
    m_queue->setAccessibleName(tr("Waiting visitors"));
    m_parkedLabel->setText(tr("Parked at this counter (Enter returns to the queue)"));
    m_parked->setAccessibleName(tr("Parked visitors"));
    m_callNext->setText(tr("Call next (F5)"));
    m_callChosen->setText(tr("Call chosen"));
    m_recall->setText(tr("Recall (F6)"));
    m_noShow->setText(tr("No-show (F7)"));
    m_park->setText(tr("Park (F8)"));
    m_transfer->setText(tr("Transfer (F9)"));
    m_return->setText(tr("Return to queue (F10)"));
    m_walkIn->setText(tr("Walk-in contact (F11)"));
    m_finish->setText(tr("Finish visit (F12)"));
    m_checkIn->setText(tr("Check in a visitor (F4)"));
    for (QPushButton *b : {m_checkIn, m_callNext, m_callChosen, m_recall, m_noShow, m_park,
                           m_transfer, m_return, m_walkIn, m_finish})
        b->setAccessibleName(b->text());
    m_reasonLabel->setText(tr("Rea&son or note:"));
    m_reason->setAccessibleName(tr("Reason or note"));
    m_reason->setPlaceholderText(tr("why out of order, a park note, a transfer reason"));
    m_toCounterLabel->setText(tr("Transfer to counter:"));
    m_toCounter->setAccessibleName(tr("Transfer to counter"));
    m_toCategoryLabel->setText(tr("or category:"));
    m_toCategory->setAccessibleName(tr("Transfer to category"));
    m_outcomeLabel->setText(tr("Outco&me:"));
    const QString outcome = m_outcome->currentData().toString();
    m_outcome->clear();
    const QList<std::pair<Outcome, QString>> outcomes = {
        {Outcome::InformationGiven, tr("Information given")},
        {Outcome::RequestCreated, tr("Request created")},
        {Outcome::AttachedToExisting, tr("Added to an existing request")},
        {Outcome::Referred, tr("Referred to another agency")},
        {Outcome::Complaint, tr("Complaint")}};
    for (const auto &[value, text] : outcomes)
        m_outcome->addItem(text, outcomeName(value));
    m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(outcome)));
    m_outcome->setAccessibleName(tr("Visit outcome"));
    m_notesLabel->setText(tr("V&isit notes:"));
    m_notes->setAccessibleName(tr("Visit notes"));
    m_card->setAccessibleName(tr("Visit card"));
    m_message->setAccessibleName(tr("Counter message"));
    refresh();
}

void CounterPanel::fitQueue()
{
    // What each column holds now (the reasons of who waits, a longer ticket number) and can
    // hold whoever comes: both languages, every need, three-digit minutes. The name gets room
    // for its title and elides.
    const QFontMetrics metrics(m_queue->font());
    const int padding =
        2 * (m_queue->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_queue) + 1);
    QList<QStringList> texts(NameColumn + 1);
    texts[0] = {QStringLiteral("A999")};
    for (const char *need : {"wheelchair", "vision", "hearing", "other"})
        texts[2].append(needWord(QString::fromLatin1(need)));
    texts[3] = {tr("Spanish"), tr("English")};
    texts[4] = texts[5] = {tr("%1 min").arg(999)};
    int total = 0;
    for (int column = 0; column <= NameColumn; ++column) {
        int width = m_queue->header()->sectionSizeHint(column);
        for (const QString &text : texts.at(column))
            width = std::max(width, metrics.horizontalAdvance(text) + padding);
        if (column != NameColumn)
            width = std::max(width,
                             static_cast<QAbstractItemView *>(m_queue)->sizeHintForColumn(column));
        total += width;
    }
    m_queue->setMinimumWidth(total + 2 * m_queue->frameWidth() +
                             m_queue->verticalScrollBar()->sizeHint().width());
}

} // namespace civicdesk
