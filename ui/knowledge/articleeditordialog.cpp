#include "ui/knowledge/articleeditordialog.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "models/knowledge/articlerepository.h"
#include "models/knowledge/knowledgeservice.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace civicdesk {

namespace {
const QDate noDate(2000, 1, 1);
}

ArticleEditorDialog::ArticleEditorDialog(KnowledgeService &service, const QString &articleId,
                                         QWidget *parent)
    : QDialog(parent), m_service(service), m_title(new QLineEdit(this)),
      m_language(new QComboBox(this)), m_audience(new QComboBox(this)),
      m_department(new QComboBox(this)), m_serviceCodes(new QLineEdit(this)),
      m_keywords(new QLineEdit(this)), m_script(new QPlainTextEdit(this)),
      m_body(new QPlainTextEdit(this)), m_transferName(new QLineEdit(this)),
      m_transferPhone(new QLineEdit(this)), m_transferHours(new QLineEdit(this)),
      m_reviewDue(new QDateEdit(this)), m_note(new QLineEdit(this)), m_stateLabel(new QLabel(this)),
      m_message(new QLabel(this)), m_save(new QPushButton(tr("&Save"), this)),
      m_moves(new QHBoxLayout)
{
    setObjectName(QStringLiteral("articleEditorDialog"));
    setWindowTitle(articleId.isEmpty() ? tr("New article") : tr("Edit article"));
    m_title->setObjectName(QStringLiteral("articleTitleLineEdit"));
    m_language->setObjectName(QStringLiteral("articleLanguageEditComboBox"));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Spanish"), QStringLiteral("es"));
    m_audience->setObjectName(QStringLiteral("articleAudienceComboBox"));
    m_audience->addItem(tr("Agents only"), QStringLiteral("agent"));
    m_audience->addItem(tr("Public"), QStringLiteral("public"));
    m_department->setObjectName(QStringLiteral("articleDepartmentEditComboBox"));
    m_department->addItem(tr("(none)"), QString());
    const QList<Department> departments = service.articles().departments();
    for (const Department &d : departments)
        m_department->addItem(d.name, d.code);
    m_serviceCodes->setObjectName(QStringLiteral("articleServiceCodesLineEdit"));
    m_serviceCodes->setPlaceholderText(tr("Request type codes, separated by spaces"));
    m_keywords->setObjectName(QStringLiteral("articleKeywordsLineEdit"));
    m_script->setObjectName(QStringLiteral("articleScriptTextEdit"));
    m_script->setTabChangesFocus(true);
    m_body->setObjectName(QStringLiteral("articleBodyTextEdit"));
    m_body->setTabChangesFocus(true);
    m_body->setPlaceholderText(tr("Headings (## ...), lists (- ...) and links"));
    m_transferName->setObjectName(QStringLiteral("articleTransferNameLineEdit"));
    m_transferPhone->setObjectName(QStringLiteral("articleTransferPhoneLineEdit"));
    m_transferHours->setObjectName(QStringLiteral("articleTransferHoursLineEdit"));
    m_reviewDue->setObjectName(QStringLiteral("articleReviewDueDateEdit"));
    m_reviewDue->setCalendarPopup(true);
    m_reviewDue->setMinimumDate(noDate);
    m_reviewDue->setSpecialValueText(tr("None"));
    m_reviewDue->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_note->setObjectName(QStringLiteral("articleNoteLineEdit"));
    m_note->setPlaceholderText(tr("Why (kept in the history with this save or move)"));
    m_stateLabel->setObjectName(QStringLiteral("articleStateLabel"));
    m_message->setObjectName(QStringLiteral("articleEditorMessageLabel"));
    m_message->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("articleSaveButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Audience:"), m_audience);
    form->addRow(tr("&Department:"), m_department);
    form->addRow(tr("Request &types:"), m_serviceCodes);
    form->addRow(tr("&Keywords:"), m_keywords);
    form->addRow(tr("Sc&ript (read aloud):"), m_script);
    form->addRow(tr("&Body:"), m_body);
    auto *transfer = new QHBoxLayout;
    transfer->addWidget(m_transferName, 2);
    transfer->addWidget(m_transferPhone, 1);
    transfer->addWidget(m_transferHours, 1);
    m_transferName->setPlaceholderText(tr("Transfer to"));
    m_transferPhone->setPlaceholderText(tr("Phone"));
    m_transferHours->setPlaceholderText(tr("Hours"));
    form->addRow(tr("Trans&fer:"), transfer);
    form->addRow(tr("Re&view due:"), m_reviewDue);
    form->addRow(tr("&Note:"), m_note);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_stateLabel);
    buttons->addStretch(1);
    buttons->addLayout(m_moves);
    buttons->addWidget(m_save);
    auto *close = new QPushButton(tr("&Close"), this);
    close->setObjectName(QStringLiteral("articleEditorCloseButton"));
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &ArticleEditorDialog::save);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    connect(saveShortcut, &QShortcut::activated, this, &ArticleEditorDialog::save);

    KnowledgeArticle article;
    article.state = KnowledgeArticle::State::Draft;
    article.audience = KnowledgeArticle::Audience::Agent;
    if (!articleId.isEmpty()) {
        if (auto stored = service.articles().byId(articleId))
            article = *stored;
        else
            showMessage(tr("There is no article %1.").arg(articleId), true);
    }
    load(article);
    resize(720, 760);
}

QString ArticleEditorDialog::message() const
{
    return m_message->text();
}

void ArticleEditorDialog::load(const KnowledgeArticle &a)
{
    m_article = a;
    // A published article that this person may not change directly is revised beside it; a
    // waiting revision is what the form shows to everyone who may revise.
    const bool revisable = !a.id.isEmpty() && m_service.canRevise(a);
    const auto pending = revisable ? m_service.revision(a.id) : std::nullopt;
    m_revisionPending = pending.has_value();
    m_revising = revisable && (m_revisionPending || !m_service.canEdit(a));
    fill(pending ? pending->article : a);
    updateActions();
    if (pending)
        showMessage(
            tr("A revision saved by %1 is waiting beside the published article; agents "
               "see the published text until a supervisor publishes it. Note: %2")
                .arg(pending->actor, pending->note.isEmpty() ? tr("(none)") : pending->note),
            false);
}

void ArticleEditorDialog::fill(const KnowledgeArticle &a)
{
    m_title->setText(a.title);
    m_language->setCurrentIndex(std::max(0, m_language->findData(a.language)));
    m_audience->setCurrentIndex(a.audience == KnowledgeArticle::Audience::Public ? 1 : 0);
    if (m_department->findData(a.departmentCode) < 0)
        m_department->addItem(a.departmentCode, a.departmentCode);
    m_department->setCurrentIndex(m_department->findData(a.departmentCode));
    m_serviceCodes->setText(a.serviceCodes.join(u' '));
    m_keywords->setText(a.keywords);
    m_script->setPlainText(a.script);
    m_body->setPlainText(a.body);
    const QJsonObject transfer = QJsonDocument::fromJson(a.transferTarget.toUtf8()).object();
    m_transferName->setText(transfer.value(u"name").toString());
    m_transferPhone->setText(transfer.value(u"phone").toString());
    m_transferHours->setText(transfer.value(u"hours").toString());
    m_reviewDue->setDate(a.reviewDue.isValid() ? a.reviewDue : noDate);
}

KnowledgeArticle ArticleEditorDialog::collect() const
{
    KnowledgeArticle a = m_article; // keeps what this form does not show (dates, group)
    a.title = m_title->text().trimmed();
    a.language = m_language->currentData().toString();
    a.audience = m_audience->currentData().toString() == u"public"
                     ? KnowledgeArticle::Audience::Public
                     : KnowledgeArticle::Audience::Agent;
    a.departmentCode = m_department->currentData().toString();
    a.serviceCodes = m_serviceCodes->text().split(u' ', Qt::SkipEmptyParts);
    a.keywords = m_keywords->text().trimmed();
    a.script = m_script->toPlainText().trimmed();
    a.body = m_body->toPlainText();
    QJsonObject transfer;
    if (!m_transferName->text().trimmed().isEmpty() ||
        !m_transferPhone->text().trimmed().isEmpty()) {
        transfer = {{QStringLiteral("name"), m_transferName->text().trimmed()},
                    {QStringLiteral("phone"), m_transferPhone->text().trimmed()},
                    {QStringLiteral("hours"), m_transferHours->text().trimmed()}};
    }
    // Keep the stored text when nothing changed, so an untouched transfer is not an edit.
    const QJsonObject before = QJsonDocument::fromJson(m_article.transferTarget.toUtf8()).object();
    if (transfer != before)
        a.transferTarget =
            transfer.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(transfer).toJson(QJsonDocument::Compact));
    a.reviewDue = m_reviewDue->date() == noDate ? QDate() : m_reviewDue->date();
    return a;
}

bool ArticleEditorDialog::save()
{
    const KnowledgeArticle a = collect();
    if (m_article.id.isEmpty()) {
        auto created = m_service.create(a);
        if (!created) {
            showMessage(created.error().message, true);
            return false;
        }
        setWindowTitle(tr("Edit article"));
        load(*m_service.articles().byId(created.value()));
    } else if (m_revising) {
        const auto saved = m_service.saveRevision(a, m_note->text());
        if (!saved) {
            showMessage(saved.error().message, true);
            return false;
        }
        if (saved.value())
            m_note->clear();
        load(*m_service.articles().byId(m_article.id));
        emit articleChanged(m_article.id);
        return true;
    } else {
        if (!m_service.canEdit(m_article))
            return true; // read-only here: nothing to save
        const auto saved = m_service.edit(a, m_note->text());
        if (!saved) {
            showMessage(saved.error().message, true);
            return false;
        }
        // The note went with this save only when something was saved; else it waits for a move.
        if (saved.value())
            m_note->clear();
        load(*m_service.articles().byId(m_article.id));
    }
    showMessage(tr("Saved as version %1.").arg(m_service.articles().versionOf(m_article.id)),
                false);
    emit articleChanged(m_article.id);
    return true;
}

bool ArticleEditorDialog::moveTo(KnowledgeArticle::State to)
{
    if (!save())
        return false;
    if (auto s = m_service.changeState(m_article.id, to, m_note->text()); !s) {
        showMessage(s.error().message, true);
        return false;
    }
    m_note->clear();
    load(*m_service.articles().byId(m_article.id));
    showMessage(tr("Now: %1.").arg(ArticleLifecycle::stateTitle(m_article.state)), false);
    emit articleChanged(m_article.id);
    return true;
}

bool ArticleEditorDialog::publishRevision()
{
    if (!save())
        return false;
    if (auto s = m_service.publishRevision(m_article.id, m_note->text()); !s) {
        showMessage(s.error().message, true);
        return false;
    }
    m_note->clear();
    load(*m_service.articles().byId(m_article.id));
    showMessage(tr("The revision is published: agents now find version %1.")
                    .arg(m_service.articles().versionOf(m_article.id)),
                false);
    emit articleChanged(m_article.id);
    return true;
}

bool ArticleEditorDialog::discardRevision()
{
    if (auto s = m_service.discardRevision(m_article.id, m_note->text()); !s) {
        showMessage(s.error().message, true);
        return false;
    }
    m_note->clear();
    load(*m_service.articles().byId(m_article.id));
    showMessage(tr("The revision is discarded; the published article is unchanged."), false);
    emit articleChanged(m_article.id);
    return true;
}

QString ArticleEditorDialog::moveLabel(KnowledgeArticle::State to) const
{
    using S = KnowledgeArticle::State;
    switch (to) {
    case S::InReview:
        return tr("Send for &review");
    case S::Published:
        return tr("&Publish");
    case S::Archived:
        return tr("&Archive");
    case S::Draft:
        return m_article.state == S::InReview   ? tr("Return to &draft")
               : m_article.state == S::Archived ? tr("Re&store as draft")
                                                : tr("&Withdraw to draft");
    }
    return {};
}

void ArticleEditorDialog::updateActions()
{
    const bool isNew = m_article.id.isEmpty();
    const bool editable =
        isNew ? m_service.canCreate() : (m_revising || m_service.canEdit(m_article));
    for (QLineEdit *e :
         {m_title, m_serviceCodes, m_keywords, m_transferName, m_transferPhone, m_transferHours})
        e->setReadOnly(!editable);
    m_script->setReadOnly(!editable);
    m_body->setReadOnly(!editable);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_language, m_audience, m_department, m_reviewDue})
        w->setEnabled(editable);
    m_save->setEnabled(editable);
    m_save->setText(m_revising ? tr("&Save revision") : tr("&Save"));
    const QString state = isNew ? tr("New draft")
                                : tr("%1, version %2")
                                      .arg(ArticleLifecycle::stateTitle(m_article.state))
                                      .arg(m_service.articles().versionOf(m_article.id));
    m_stateLabel->setText(m_revisionPending ? tr("%1 — revision waiting").arg(state) : state);
    while (QLayoutItem *item = m_moves->takeAt(0)) {
        // The clicked button may be the one running this: delete it later.
        item->widget()->setObjectName(QString());
        item->widget()->hide();
        item->widget()->deleteLater();
        delete item;
    }
    const QList<KnowledgeArticle::State> moves =
        isNew ? QList<KnowledgeArticle::State>{} : m_service.nextStates(m_article);
    for (KnowledgeArticle::State to : moves) {
        auto *button = new QPushButton(moveLabel(to), this);
        button->setObjectName(u"moveTo_" + ArticleLifecycle::stateName(to) + u"Button");
        connect(button, &QPushButton::clicked, this, [this, to] { moveTo(to); });
        m_moves->addWidget(button);
    }
    if (m_revisionPending) {
        if (m_service.canPublishRevision(m_article)) {
            auto *publish = new QPushButton(tr("Publish re&vision"), this);
            publish->setObjectName(QStringLiteral("publishRevisionButton"));
            connect(publish, &QPushButton::clicked, this, [this] { publishRevision(); });
            m_moves->addWidget(publish);
        }
        auto *discard = new QPushButton(tr("Dis&card revision"), this);
        discard->setObjectName(QStringLiteral("discardRevisionButton"));
        connect(discard, &QPushButton::clicked, this, [this] { discardRevision(); });
        m_moves->addWidget(discard);
    }
    m_note->setEnabled(editable || !moves.isEmpty());
    if (!isNew && !editable) {
        if (const Status s = ArticleLifecycle::checkEdit(m_article.state, m_service.role()); !s)
            showMessage(s.error().message, true);
    }
}

void ArticleEditorDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color:#b00020") : QString());
}

} // namespace civicdesk
