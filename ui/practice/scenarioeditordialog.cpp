#include "ui/practice/scenarioeditordialog.h"

#include "models/city/cataloguerepository.h"
#include "ui_scenarioeditordialog.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTabBar>
#include <QTableWidget>
#include <QTextCursor>
#include <array>
#include <functional>

namespace civicdesk {

namespace {

// The outcome and channel titles the intake shows, in its own translation context.
constexpr std::array<std::pair<Outcome, const char *>, 8> OutcomeTitles = {{
    {Outcome::InformationGiven, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Information given")},
    {Outcome::RequestCreated, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Service request created")},
    {Outcome::AttachedToExisting,
     QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Caller attached to an existing request")},
    {Outcome::WarmTransfer, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Warm transfer")},
    {Outcome::ColdTransfer, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Cold transfer")},
    {Outcome::Complaint, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Complaint or comment")},
    {Outcome::CallerHungUp, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Caller hung up")},
    {Outcome::Referred, QT_TRANSLATE_NOOP("civicdesk::WrapUpBox", "Referred elsewhere")},
}};
constexpr std::array<std::pair<Channel, const char *>, 6> ChannelTitles = {{
    {Channel::Phone, QT_TRANSLATE_NOOP("civicdesk::ContactBar", "Phone")},
    {Channel::WalkIn, QT_TRANSLATE_NOOP("civicdesk::ContactBar", "Walk-in")},
    {Channel::Email, QT_TRANSLATE_NOOP("civicdesk::ContactBar", "Email")},
    {Channel::Web, QT_TRANSLATE_NOOP("civicdesk::ContactBar", "Web")},
    {Channel::Text, QT_TRANSLATE_NOOP("civicdesk::ContactBar", "Text message")},
    {Channel::Mail, QT_TRANSLATE_NOOP("civicdesk::ContactBar", "Mail")},
}};

enum AnswerColumn
{
    AnswerCode,
    AnswerValues,
    AnswerSay,
    AnswerScored,
    AnswerColumnCount
};
enum SeedColumn
{
    SeedRef,
    SeedType,
    SeedAddress,
    SeedLatitude,
    SeedLongitude,
    SeedDaysAgo,
    SeedDescription,
    SeedColumnCount
};

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QStringList commaList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',')) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    return out;
}

} // namespace

ScenarioEditorDialog::ScenarioEditorDialog(const ScenarioSet &set, const ScenarioLibrary &library,
                                           const ScenarioLoader &loader,
                                           const CatalogueRepository &catalogue,
                                           const QList<Referral> &referrals, AgentRole role,
                                           QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ScenarioEditorDialog>()), m_set(set),
      m_library(library), m_loader(loader), m_catalogue(catalogue), m_referrals(referrals),
      m_role(role)
{
    m_ui->setupUi(this);
    const Ui::ScenarioEditorDialog &ui = *m_ui;
    m_fields = {{QStringLiteral("id"), ui.idLineEdit},
                {QStringLiteral("title"), ui.titleLineEdit},
                {QStringLiteral("language"), ui.languageComboBox},
                {QStringLiteral("channel"), ui.channelComboBox},
                {QStringLiteral("caller"), ui.callerNameLineEdit},
                {QStringLiteral("caller.name"), ui.callerNameLineEdit},
                {QStringLiteral("caller.phone"), ui.callerPhoneLineEdit},
                {QStringLiteral("caller.language"), ui.callerLanguageComboBox},
                {QStringLiteral("opening"), ui.openingTextEdit},
                {QStringLiteral("facts"), ui.factLocationLineEdit},
                {QStringLiteral("facts.location"), ui.factLocationLineEdit},
                {QStringLiteral("facts.details"), ui.factDetailsLineEdit},
                {QStringLiteral("facts.caller"), ui.factCallerLineEdit},
                {QStringLiteral("facts.number_of"), ui.numberOfLineEdit},
                {QStringLiteral("answers"), ui.answersTableWidget},
                {QStringLiteral("seed_requests"), ui.seedsTableWidget},
                {QStringLiteral("expected"), ui.typeComboBox},
                {QStringLiteral("expected.service_code"), ui.typeComboBox},
                {QStringLiteral("expected.location"), ui.expectedLocationLineEdit},
                {QStringLiteral("expected.outside_city"), ui.outsideCityCheckBox},
                {QStringLiteral("expected.referral"), ui.referralComboBox},
                {QStringLiteral("expected.duplicate"), ui.duplicateComboBox},
                {QStringLiteral("expected.articles"), ui.articlesLineEdit},
                {QStringLiteral("expected.outcome"), ui.outcomeComboBox},
                {QStringLiteral("expected.transfer_to"), ui.transferLineEdit},
                {QStringLiteral("expected.read_back"), ui.readBackLineEdit},
                {QStringLiteral("target_seconds"), ui.targetSpinBox},
                {QStringLiteral("pass_mark"), ui.passMarkSpinBox}};
    ui.answersTableWidget->setColumnCount(AnswerColumnCount);
    ui.seedsTableWidget->setColumnCount(SeedColumnCount);
    // What the caller says takes the room; the codes and keys are as wide as they are.
    QHeaderView *answerColumns = ui.answersTableWidget->horizontalHeader();
    answerColumns->setSectionResizeMode(QHeaderView::ResizeToContents);
    answerColumns->setSectionResizeMode(AnswerSay, QHeaderView::Stretch);
    for (QTableWidget *table : {ui.answersTableWidget, ui.seedsTableWidget}) {
        table->horizontalHeader()->setStretchLastSection(table == ui.seedsTableWidget);
        table->verticalHeader()->hide();
        table->setSelectionBehavior(QAbstractItemView::SelectItems);
    }
    // The tab bar takes the focus on the way through the form: it has the tab widget's name.
    ui.editorTabWidget->tabBar()->setAccessibleName(tr("Scenario parts"));
    ui.openingTextEdit->setFixedHeight(ui.openingTextEdit->fontMetrics().height() * 3 + 12);
    fillChoices();

    connect(ui.startComboBox, &QComboBox::currentIndexChanged, this,
            &ScenarioEditorDialog::startFrom);
    connect(ui.anonymousCheckBox, &QCheckBox::toggled, ui.callerNameLineEdit,
            &QWidget::setDisabled);
    connect(ui.addQuestionsButton, &QPushButton::clicked, this,
            &ScenarioEditorDialog::addTypeQuestions);
    connect(ui.addAnswerButton, &QPushButton::clicked, this, [this] {
        addAnswerRow(ScenarioAnswer());
        m_ui->answersTableWidget->setFocus(Qt::OtherFocusReason);
        m_ui->answersTableWidget->setCurrentCell(m_ui->answersTableWidget->rowCount() - 1,
                                                 AnswerCode);
    });
    connect(ui.removeAnswerButton, &QPushButton::clicked, this, [this] {
        m_ui->answersTableWidget->removeRow(m_ui->answersTableWidget->currentRow());
    });
    connect(ui.addSeedButton, &QPushButton::clicked, this, [this] {
        ScenarioSeed seed;
        seed.ref = QStringLiteral("s%1").arg(m_ui->seedsTableWidget->rowCount() + 1);
        seed.serviceCode = m_ui->typeComboBox->currentData().toString();
        addSeedRow(seed);
        m_ui->seedsTableWidget->setFocus(Qt::OtherFocusReason);
        m_ui->seedsTableWidget->setCurrentCell(m_ui->seedsTableWidget->rowCount() - 1, SeedAddress);
    });
    connect(ui.removeSeedButton, &QPushButton::clicked, this,
            [this] { m_ui->seedsTableWidget->removeRow(m_ui->seedsTableWidget->currentRow()); });
    QPushButton *saveButton = ui.buttonBox->button(QDialogButtonBox::Save);
    saveButton->setObjectName(QStringLiteral("saveScenarioButton"));
    saveButton->setText(tr("&Save"));
    saveButton->setAccessibleName(tr("Save the scenario"));
    QPushButton *cancelButton = ui.buttonBox->button(QDialogButtonBox::Cancel);
    cancelButton->setText(tr("Cancel"));
    cancelButton->setAccessibleName(tr("Close without saving"));
    connect(ui.buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(ui.buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // A trainer's own scenario can be deleted (after a question); bundled ones cannot.
    m_deleteButton = ui.buttonBox->addButton(tr("Delete this scenario (Ctrl+Shift+D)"),
                                             QDialogButtonBox::DestructiveRole);
    m_deleteButton->setObjectName(QStringLiteral("deleteScenarioButton"));
    m_deleteButton->setAccessibleName(tr("Delete this scenario"));
    m_deleteButton->setAutoDefault(false);
    connect(m_deleteButton, &QPushButton::clicked, this, [this] {
        if (deleteScenario())
            accept();
    });
    auto *deleteKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), this);
    connect(deleteKey, &QShortcut::activated, this, [this] {
        if (m_deleteButton->isEnabled() && deleteScenario())
            accept();
    });
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    connect(saveKey, &QShortcut::activated, this, [this] {
        if (save())
            accept();
    });
    ui.problemsLabel->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    ui.problemsLabel->hide();
    ui.folderLabel->setText(tr("Saved in the trainers' folder %1 (the bundled scenarios stay as "
                               "the city pack ships them). Ctrl+S saves; Ctrl+Tab shows the next "
                               "part.")
                                .arg(m_library.trainerDirectory()));
    startFrom(0);
    ui.startComboBox->setFocus(Qt::OtherFocusReason);
    resize(900, 640);
}

ScenarioEditorDialog::~ScenarioEditorDialog() = default;

void ScenarioEditorDialog::selectData(QComboBox *combo, const QString &data)
{
    combo->setCurrentIndex(std::max(0, combo->findData(data)));
}

void ScenarioEditorDialog::fillChoices()
{
    const Ui::ScenarioEditorDialog &ui = *m_ui;
    for (QComboBox *combo : {ui.languageComboBox, ui.callerLanguageComboBox}) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(tr("English"), QStringLiteral("en"));
        combo->addItem(tr("Spanish"), QStringLiteral("es"));
        selectData(combo, current);
    }
    auto refill = [](QComboBox *combo, const std::function<void()> &fill) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        fill();
        selectData(combo, current);
    };
    refill(ui.channelComboBox, [&] {
        for (const auto &[channel, title] : ChannelTitles)
            ui.channelComboBox->addItem(QCoreApplication::translate("civicdesk::ContactBar", title),
                                        channelName(channel));
    });
    refill(ui.outcomeComboBox, [&] {
        for (const auto &[outcome, title] : OutcomeTitles)
            ui.outcomeComboBox->addItem(
                tr("%1 (%2)").arg(QCoreApplication::translate("civicdesk::WrapUpBox", title),
                                  outcomeName(outcome)),
                outcomeName(outcome));
    });
    refill(ui.typeComboBox, [&] {
        ui.typeComboBox->addItem(tr("(no request: an information question or a status call)"),
                                 QString());
        QList<ServiceType> types = m_catalogue.serviceTypes();
        std::sort(types.begin(), types.end(), [](const ServiceType &a, const ServiceType &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
        for (const ServiceType &type : std::as_const(types))
            ui.typeComboBox->addItem(tr("%1 (%2)").arg(type.name, type.code), type.code);
    });
    refill(ui.referralComboBox, [&] {
        ui.referralComboBox->addItem(tr("(none)"), QString());
        for (const Referral &r : std::as_const(m_referrals))
            ui.referralComboBox->addItem(r.name, r.name);
    });
    refill(ui.duplicateComboBox, [&] {
        ui.duplicateComboBox->addItem(tr("Not scored"), QString());
        ui.duplicateComboBox->addItem(tr("Attach the caller to the open request"),
                                      QStringLiteral("attach"));
        ui.duplicateComboBox->addItem(tr("Take a new request anyway"),
                                      QStringLiteral("create_anyway"));
    });
    refill(ui.startComboBox, [&] {
        ui.startComboBox->addItem(tr("A new scenario"), QString());
        for (const Scenario &s : m_set.scenarios)
            ui.startComboBox->addItem(m_set.authored.contains(s.id)
                                          ? tr("Edit: %1 (%2)").arg(s.title, s.id)
                                          : tr("Copy of: %1 (%2)").arg(s.title, s.id),
                                      s.id);
    });
    ui.answersTableWidget->setHorizontalHeaderLabels({tr("Question code"),
                                                      tr("Values (list keys or text)"),
                                                      tr("The caller says"), tr("Scored")});
    ui.seedsTableWidget->setHorizontalHeaderLabels({tr("Ref"), tr("Type code"), tr("Address"),
                                                    tr("Latitude"), tr("Longitude"), tr("Days ago"),
                                                    tr("Description")});
}

void ScenarioEditorDialog::startFrom(int index)
{
    const QString id = m_ui->startComboBox->itemData(index).toString();
    const auto it = std::find_if(m_set.scenarios.cbegin(), m_set.scenarios.cend(),
                                 [&](const Scenario &s) { return s.id == id; });
    if (id.isEmpty() || it == m_set.scenarios.cend()) {
        load(Scenario(), false);
        return;
    }
    load(*it, !m_set.authored.contains(id));
}

void ScenarioEditorDialog::load(const Scenario &s, bool copy)
{
    const Ui::ScenarioEditorDialog &ui = *m_ui;
    m_editing = copy ? QString() : s.id;
    if (m_deleteButton) {
        m_deleteButton->setEnabled(!m_editing.isEmpty());
        m_deleteButton->setToolTip(m_editing.isEmpty()
                                       ? tr("Only a trainer's own scenario can be deleted; the "
                                            "bundled ones come with the city pack.")
                                       : QString());
    }
    ui.idLineEdit->setText(copy && !s.id.isEmpty() ? s.id + QStringLiteral("-copy") : s.id);
    ui.titleLineEdit->setText(copy && !s.title.isEmpty() ? tr("%1 (copy)").arg(s.title) : s.title);
    selectData(ui.languageComboBox, s.language);
    selectData(ui.channelComboBox, channelName(s.channel));
    ui.anonymousCheckBox->setChecked(s.caller.anonymous);
    ui.callerNameLineEdit->setEnabled(!s.caller.anonymous);
    ui.callerNameLineEdit->setText(s.caller.name);
    ui.callerPhoneLineEdit->setText(s.caller.phone);
    selectData(ui.callerLanguageComboBox, s.caller.language);
    ui.openingTextEdit->setPlainText(s.opening);
    ui.openingTextEdit->moveCursor(QTextCursor::End); // typing adds to the line
    ui.factLocationLineEdit->setText(s.location);
    ui.factDetailsLineEdit->setText(s.details);
    ui.factCallerLineEdit->setText(s.callerLine);
    ui.numberOfLineEdit->setText(s.numberSeed);
    ui.misheardCheckBox->setChecked(s.misheard);
    ui.answersTableWidget->setRowCount(0);
    for (const ScenarioAnswer &a : s.answers)
        addAnswerRow(a);
    ui.seedsTableWidget->setRowCount(0);
    for (const ScenarioSeed &seed : s.seeds)
        addSeedRow(seed);
    const ScenarioExpected &x = s.expected;
    selectData(ui.typeComboBox, x.serviceCode);
    ui.expectedLocationLineEdit->setText(x.location);
    ui.outsideCityCheckBox->setChecked(x.outsideCity);
    selectData(ui.referralComboBox, x.referral);
    selectData(ui.duplicateComboBox, x.duplicate);
    ui.articlesLineEdit->setText(x.articles.join(QStringLiteral(", ")));
    selectData(ui.outcomeComboBox, outcomeName(x.outcome));
    ui.transferLineEdit->setText(x.transferTo);
    ui.readBackLineEdit->setText(x.readBack);
    ui.targetSpinBox->setValue(s.targetSeconds);
    ui.passMarkSpinBox->setValue(s.passMark);
    ui.problemsLabel->clear();
    ui.problemsLabel->hide();
}

void ScenarioEditorDialog::addAnswerRow(const ScenarioAnswer &answer)
{
    QTableWidget *table = m_ui->answersTableWidget;
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, AnswerCode, new QTableWidgetItem(answer.code));
    table->setItem(row, AnswerValues,
                   new QTableWidgetItem(answer.values.join(QStringLiteral(", "))));
    table->setItem(row, AnswerSay, new QTableWidgetItem(answer.say));
    auto *scored = new QTableWidgetItem(tr("scored"));
    scored->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    scored->setCheckState(answer.required ? Qt::Checked : Qt::Unchecked);
    table->setItem(row, AnswerScored, scored);
}

void ScenarioEditorDialog::addSeedRow(const ScenarioSeed &seed)
{
    QTableWidget *table = m_ui->seedsTableWidget;
    const int row = table->rowCount();
    table->insertRow(row);
    const QStringList cells = {
        seed.ref,
        seed.serviceCode,
        seed.address,
        seed.address.isEmpty() ? QString() : QString::number(seed.latitude, 'f', 6),
        seed.address.isEmpty() ? QString() : QString::number(seed.longitude, 'f', 6),
        QString::number(seed.daysAgo),
        seed.description};
    for (int column = 0; column < SeedColumnCount; ++column)
        table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}

void ScenarioEditorDialog::addTypeQuestions()
{
    const QString code = m_ui->typeComboBox->currentData().toString();
    const auto type = code.isEmpty() ? std::nullopt : m_catalogue.serviceType(code);
    if (!type) {
        showProblems({{QString(), QString(), QStringLiteral("expected.service_code"),
                       tr("choose the request type first: its questions are added")}});
        return;
    }
    QTableWidget *table = m_ui->answersTableWidget;
    QStringList present;
    for (int row = 0; row < table->rowCount(); ++row)
        present.append(cell(table, row, AnswerCode));
    int first = -1;
    for (const ServiceAttribute &a : type->attributes) {
        if (!a.variable || present.contains(a.code))
            continue;
        ScenarioAnswer answer;
        answer.code = a.code;
        answer.required = a.required;
        addAnswerRow(answer);
        QStringList offered;
        for (const AttributeValue &v : a.values)
            offered.append(QStringLiteral("%1 (%2)").arg(v.key, v.name));
        table->item(table->rowCount() - 1, AnswerCode)->setToolTip(a.description);
        table->item(table->rowCount() - 1, AnswerValues)
            ->setToolTip(offered.isEmpty()
                             ? tr("Free text")
                             : tr("One of: %1").arg(offered.join(QStringLiteral(", "))));
        if (first < 0)
            first = table->rowCount() - 1;
    }
    if (first >= 0) {
        table->setFocus(Qt::OtherFocusReason);
        table->setCurrentCell(first, AnswerValues);
    }
}

Scenario ScenarioEditorDialog::scenario(QList<ScenarioProblem> *problems) const
{
    const Ui::ScenarioEditorDialog &ui = *m_ui;
    Scenario s;
    s.id = ui.idLineEdit->text().trimmed();
    s.title = ui.titleLineEdit->text().trimmed();
    s.language = ui.languageComboBox->currentData().toString();
    s.channel =
        channelFromName(ui.channelComboBox->currentData().toString()).value_or(Channel::Phone);
    s.caller.anonymous = ui.anonymousCheckBox->isChecked();
    s.caller.name = s.caller.anonymous ? QString() : ui.callerNameLineEdit->text().trimmed();
    s.caller.phone = ui.callerPhoneLineEdit->text().trimmed();
    s.caller.language = ui.callerLanguageComboBox->currentData().toString();
    s.opening = ui.openingTextEdit->toPlainText().trimmed();
    s.location = ui.factLocationLineEdit->text().trimmed();
    s.details = ui.factDetailsLineEdit->text().trimmed();
    s.callerLine = ui.factCallerLineEdit->text().trimmed();
    s.numberSeed = ui.numberOfLineEdit->text().trimmed();
    s.misheard = ui.misheardCheckBox->isChecked();
    const QTableWidget *answers = ui.answersTableWidget;
    for (int row = 0; row < answers->rowCount(); ++row) {
        ScenarioAnswer a;
        a.code = cell(answers, row, AnswerCode);
        a.values = commaList(cell(answers, row, AnswerValues));
        a.say = cell(answers, row, AnswerSay);
        const QTableWidgetItem *scored = answers->item(row, AnswerScored);
        a.required = !scored || scored->checkState() == Qt::Checked;
        s.answers.append(a);
    }
    const QTableWidget *seeds = ui.seedsTableWidget;
    for (int row = 0; row < seeds->rowCount(); ++row) {
        ScenarioSeed seed;
        seed.ref = cell(seeds, row, SeedRef);
        seed.serviceCode = cell(seeds, row, SeedType);
        seed.address = cell(seeds, row, SeedAddress);
        seed.description = cell(seeds, row, SeedDescription);
        const auto number = [&](int column, const char *key, double *out) {
            bool ok = false;
            *out = cell(seeds, row, column).toDouble(&ok);
            if (!ok && problems)
                problems->append(
                    {QString(), s.id,
                     QStringLiteral("seed_requests[%1].%2").arg(row).arg(QLatin1String(key)),
                     tr("is not a number")});
        };
        double days = 1;
        number(SeedLatitude, "latitude", &seed.latitude);
        number(SeedLongitude, "longitude", &seed.longitude);
        number(SeedDaysAgo, "days_ago", &days);
        seed.daysAgo = int(days);
        s.seeds.append(seed);
    }
    ScenarioExpected &x = s.expected;
    x.serviceCode = ui.typeComboBox->currentData().toString();
    x.location = ui.expectedLocationLineEdit->text().trimmed();
    x.outsideCity = ui.outsideCityCheckBox->isChecked();
    x.referral = ui.referralComboBox->currentData().toString();
    x.duplicate = ui.duplicateComboBox->currentData().toString();
    x.articles = commaList(ui.articlesLineEdit->text());
    x.outcome = outcomeFromName(ui.outcomeComboBox->currentData().toString())
                    .value_or(Outcome::InformationGiven);
    x.transferTo = ui.transferLineEdit->text().trimmed();
    x.readBack = ui.readBackLineEdit->text().trimmed();
    s.targetSeconds = ui.targetSpinBox->value();
    s.passMark = ui.passMarkSpinBox->value();
    return s;
}

void ScenarioEditorDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fillChoices();
    }
    QDialog::changeEvent(event);
}

} // namespace civicdesk
