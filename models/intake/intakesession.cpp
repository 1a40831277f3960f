#include "models/intake/intakesession.h"

#include "models/city/cataloguerepository.h"
#include "models/domain/requestnumber.h"
#include "models/requests/requestrepository.h"

#include <algorithm>

namespace civicdesk {

namespace {

Error sessionError(const QString &code)
{
    return Error{code, QString()};
}

} // namespace

IntakeSession::IntakeSession(const CatalogueRepository &catalogue,
                             const RequestRepository &requests, IntakeRepository &intake,
                             IntakeService &service, QObject *parent)
    : QObject(parent), m_catalogue(catalogue), m_requests(requests), m_intake(intake),
      m_service(service), m_recorder(service)
{
}

QString IntakeSession::draftId() const
{
    return draftIdFor(m_service.agent());
}

QString IntakeSession::draftIdFor(const QString &agent)
{
    return agent.isEmpty() ? QStringLiteral("intake") : QStringLiteral("intake:") + agent;
}

qint64 IntakeSession::elapsedSeconds() const
{
    if (!contactRunning())
        return 0;
    return std::max<qint64>(0, m_contactStarted.secsTo(m_service.now()));
}

Result<QString> IntakeSession::startContact(const std::optional<ContactCall> &call)
{
    if (contactRunning())
        return sessionError(QStringLiteral("intake.contact_running"));
    if (call)
        m_channel = Channel::Phone;
    auto id = call ? m_service.startContact(m_channel, *call, m_caller.id)
                   : m_service.startContact(m_channel);
    if (!id)
        return id;
    m_contactId = id.value();
    m_recorder.setContact(m_contactId);
    m_lastNumber.clear();
    // A new contact starts with no outcome: nothing is carried over from the previous one.
    setOutcomeValue(std::nullopt);
    setTransferTo(QString());
    m_wrapUpNotes.clear();
    m_contactStarted = m_service.now();
    return id;
}

Result<qint64> IntakeSession::endContact(const QString &notes, const ContactCall &call)
{
    if (!contactRunning())
        return sessionError(QStringLiteral("intake.no_contact"));
    if (!m_outcome)
        return sessionError(QStringLiteral("intake.outcome"));
    const Status s = m_service.endContact(m_contactId, *m_outcome, m_transferTo, notes, call);
    if (!s)
        return s.error();
    const qint64 seconds = m_contactStarted.secsTo(m_service.now());
    m_contactId.clear();
    m_recorder.setContact(QString());
    setTransferTo(QString());
    m_wrapUpNotes.clear();
    clearCaller();
    resetRequest();
    const Status discarded = discardDraft();
    if (!discarded)
        emit stepNotRecorded(discarded.error().message);
    return seconds;
}

void IntakeSession::setCallerTyped(const QString &phone, const QString &name, const QString &email)
{
    m_caller.id.clear();
    m_caller.phone = phone;
    m_caller.name = name;
    m_caller.email = email;
}

QString IntakeSession::callerSearchText() const
{
    QString text = m_caller.phone.trimmed();
    if (text.isEmpty())
        text = m_caller.email.trimmed();
    if (text.isEmpty() && m_caller.name.trimmed().size() >= 3)
        text = m_caller.name.trimmed();
    return text;
}

QList<CallerMatch> IntakeSession::findCallers(int limit) const
{
    const QString text = callerSearchText();
    return text.isEmpty() ? QList<CallerMatch>() : m_intake.findCallers(text, limit);
}

std::optional<Caller> IntakeSession::chooseCaller(const QString &callerId)
{
    const auto found = m_intake.caller(callerId);
    if (found)
        setCaller(*found);
    return found;
}

void IntakeSession::setCaller(const Caller &caller)
{
    m_caller = caller;
    emit callerChanged(m_caller.id);
}

void IntakeSession::clearCaller()
{
    m_caller = Caller();
    emit callerChanged(QString());
}

Result<QString> IntakeSession::ensureCaller()
{
    if (m_type && m_type->contactRule == ContactRule::Never)
        return QString();
    Caller caller = m_caller;
    caller.phone = caller.phone.trimmed();
    caller.name = caller.name.trimmed();
    caller.email = caller.email.trimmed();
    if (caller.phone.isEmpty() && caller.name.isEmpty() && caller.email.isEmpty())
        return QString(); // anonymous
    auto saved = m_service.saveCaller(caller);
    if (!saved)
        return saved;
    recordStep(m_recorder.callerDetailsTaken(!caller.name.isEmpty(), !caller.phone.isEmpty(),
                                             !caller.email.isEmpty()));
    m_caller.id = saved.value();
    emit callerChanged(m_caller.id);
    return saved;
}

void IntakeSession::setType(const ServiceType &type)
{
    if (m_type)
        recordFormSteps(); // the answers given before the change stay in the record
    m_type = type;
    m_answers.clear();
    recordStep(m_recorder.typeChosen(type));
    if (type.emergency) {
        // The call goes to 911: the wrap-up says so unless the agent chose otherwise.
        suggestOutcome(Outcome::WarmTransfer);
        if (m_transferTo.trimmed().isEmpty())
            setTransferTo(QStringLiteral("911"));
    }
}

bool IntakeSession::setTypeByCode(const QString &code)
{
    const auto type = m_catalogue.serviceType(code);
    if (!type)
        return false;
    setType(*type);
    return true;
}

bool IntakeSession::locationPlaced() const
{
    return m_location && m_location->latitude && m_location->longitude;
}

void IntakeSession::setLocation(const std::optional<IntakeLocation> &location, bool outsideCity)
{
    m_location = location;
    m_outsideCity = outsideCity;
}

void IntakeSession::referralShown(const QString &typedAddress, const QString &agency)
{
    suggestOutcome(Outcome::Referred);
    IntakeLocation typed;
    typed.address = typedAddress.trimmed();
    recordStep(m_recorder.locationSet(typed, true, agency));
}

bool IntakeSession::hasUnfinishedWork() const
{
    return contactRunning() || m_type || !m_description.trimmed().isEmpty() ||
           m_location.has_value();
}

bool IntakeSession::hasUnsubmittedRequest() const
{
    return (m_type && !m_type->emergency) || !m_description.trimmed().isEmpty();
}

void IntakeSession::resetRequest()
{
    m_recorder.resetRequest();
    m_type.reset();
    m_answers.clear();
    m_description.clear();
    m_location.reset();
    m_outsideCity = false;
    m_duplicates.clear();
}

void IntakeSession::refreshDuplicates()
{
    m_duplicates.clear();
    if (m_type && locationPlaced()) {
        const QDateTime now = m_service.now();
        m_duplicates = m_requests.openNear(m_type->code, *m_location->latitude,
                                           *m_location->longitude, m_type->duplicateRadiusMeters,
                                           now.addDays(-m_type->duplicateWindowDays));
    }
    QStringList ids;
    QStringList numbers;
    for (const ServiceRequest &r : std::as_const(m_duplicates)) {
        ids.append(r.id);
        numbers.append(r.number);
    }
    recordStep(m_recorder.duplicatesShown(ids, numbers));
    emit duplicatesChanged(ids);
}

void IntakeSession::recordDuplicateDecision(DuplicateDecision decision, int candidate,
                                            const QString &reason)
{
    if (decision == DuplicateDecision::None)
        return;
    static const QString names[] = {QString(), QStringLiteral("attach"),
                                    QStringLiteral("create_anyway"), QStringLiteral("go_back")};
    const bool known = candidate >= 0 && candidate < m_duplicates.size();
    recordStep(m_recorder.duplicateDecision(
        names[int(decision)], known ? m_duplicates.at(candidate).id : QString(),
        known ? m_duplicates.at(candidate).number : QString(), reason));
}

std::optional<QString> IntakeSession::submitBlocker() const
{
    if (!m_type)
        return QStringLiteral("intake.no_type");
    if (m_type->emergency)
        return QStringLiteral("intake.emergency");
    if (!validateAnswers(*m_type, m_answers).isEmpty())
        return QStringLiteral("intake.answers");
    if (m_outsideCity)
        return QStringLiteral("intake.outside_city");
    return std::nullopt;
}

Result<CreatedRequest> IntakeSession::submit(const QString &overrideReason)
{
    if (const auto blocker = submitBlocker())
        return sessionError(*blocker);
    auto caller = ensureCaller();
    if (!caller)
        return caller.error();
    NewRequest request;
    request.type = *m_type;
    request.answers = m_answers;
    request.description = m_description;
    request.location = m_location.value_or(IntakeLocation{});
    request.callerId = caller.value();
    request.channel = m_channel;
    if (!overrideReason.isEmpty()) {
        for (const ServiceRequest &r : std::as_const(m_duplicates))
            request.duplicateOverride.candidates.append(r.number);
        request.duplicateOverride.reason = overrideReason;
    }
    auto created = m_service.createRequest(request);
    if (!created)
        return created;
    m_lastNumber = created.value().number.display();
    recordStep(m_recorder.requestCreated(
        created.value().id, m_lastNumber, m_type->code,
        request.location.address.isEmpty() ? request.location.landmark : request.location.address));
    setOutcomeValue(Outcome::RequestCreated);
    resetRequest();
    emit requestCreated(created.value().id);
    return created;
}

Status IntakeSession::attachToDuplicate(int index)
{
    if (index < 0 || index >= m_duplicates.size())
        return Error{QStringLiteral("intake.no_duplicate"), QString()};
    const ServiceRequest target = m_duplicates.at(index);
    return attachToRequest(target.id, target.number);
}

Status IntakeSession::attachToRequest(const QString &requestId, const QString &number)
{
    auto caller = ensureCaller();
    if (!caller)
        return caller.error();
    const Status s = m_service.attachCaller(requestId, caller.value(), m_description);
    if (!s)
        return s;
    m_lastNumber = RequestNumber::published(number);
    recordStep(m_recorder.callerAttached(requestId, number));
    setOutcomeValue(Outcome::AttachedToExisting);
    resetRequest();
    return s;
}

void IntakeSession::setOutcome(std::optional<Outcome> outcome)
{
    setOutcomeValue(outcome);
}

void IntakeSession::suggestOutcome(Outcome outcome)
{
    if (!m_outcome)
        setOutcomeValue(outcome);
}

void IntakeSession::setOutcomeValue(std::optional<Outcome> outcome)
{
    if (m_outcome == outcome)
        return;
    m_outcome = outcome;
    emit outcomeChanged();
}

void IntakeSession::setTransferTo(const QString &transferTo)
{
    if (m_transferTo == transferTo)
        return;
    m_transferTo = transferTo;
    emit transferChanged();
}

QDateTime IntakeSession::inCity(const QDateTime &at) const
{
    return m_service.inCity(at);
}

IntakeDraft IntakeSession::draft() const
{
    IntakeDraft draft;
    draft.contactId = m_contactId;
    draft.contactStarted = m_contactStarted;
    draft.channel = channelName(m_channel);
    draft.callerId = m_caller.id;
    draft.callerPhone = m_caller.phone;
    draft.callerName = m_caller.name;
    draft.callerEmail = m_caller.email;
    draft.description = m_description;
    if (m_type) {
        draft.typeCode = m_type->code;
        draft.answers = m_answers;
    }
    draft.location = m_location;
    if (m_outcome)
        draft.outcome = outcomeName(*m_outcome);
    draft.transferTo = m_transferTo;
    draft.lastNumber = m_lastNumber;
    draft.wrapUpNotes = m_wrapUpNotes;
    return draft;
}

Status IntakeSession::saveDraft()
{
    recordFormSteps();
    return writeDraft();
}

Status IntakeSession::writeDraft()
{
    const IntakeDraft current = draft();
    if (current.isEmpty())
        return discardDraft();
    return m_intake.saveDraft({draftId(), m_contactId, QStringLiteral("intake"), current.toJson(),
                               QDateTime::currentDateTimeUtc()});
}

Status IntakeSession::discardDraft()
{
    return m_intake.removeDraft(draftId());
}

std::optional<QDateTime> IntakeSession::restoreDraft()
{
    const QList<Draft> drafts = m_intake.drafts();
    const auto byId = [&drafts](const QString &id) {
        return std::find_if(drafts.cbegin(), drafts.cend(),
                            [&id](const Draft &d) { return d.id == id; });
    };
    auto it = byId(draftId());
    const QString legacy = draftIdFor(QString());
    if (it == drafts.cend() && draftId() != legacy) {
        it = byId(legacy);
        // The one draft of before becomes this agent's: written under their id first, so a
        // crash in between leaves it under one id or both, never none.
        if (it != drafts.cend()) {
            Draft mine = *it;
            mine.id = draftId();
            if (m_intake.saveDraft(mine))
                recordStep(m_intake.removeDraft(legacy));
        }
    }
    if (it == drafts.cend())
        return std::nullopt;
    const IntakeDraft draft = IntakeDraft::fromJson(it->payload);
    m_channel = channelFromName(draft.channel).value_or(Channel::Phone);
    m_contactId = draft.contactId;
    m_recorder.setContact(m_contactId);
    if (contactRunning())
        m_contactStarted = draft.contactStarted;
    m_caller.id = draft.callerId;
    m_caller.phone = draft.callerPhone;
    m_caller.name = draft.callerName;
    m_caller.email = draft.callerEmail;
    emit callerChanged(m_caller.id);
    if (!draft.typeCode.isEmpty() && setTypeByCode(draft.typeCode))
        m_answers = draft.answers;
    m_description = draft.description;
    m_location = draft.location;
    m_outsideCity = false;
    // What happened before the program stopped still decides the wrap-up.
    setOutcomeValue(outcomeFromName(draft.outcome));
    setTransferTo(draft.transferTo);
    m_lastNumber = draft.lastNumber;
    m_wrapUpNotes = draft.wrapUpNotes;
    return it->updatedAt;
}

Status IntakeSession::park()
{
    if (const Status saved = writeDraft(); !saved)
        return saved;
    m_contactId.clear();
    m_contactStarted = QDateTime();
    m_recorder.setContact(QString());
    m_lastNumber.clear();
    setOutcomeValue(std::nullopt);
    setTransferTo(QString());
    m_wrapUpNotes.clear();
    clearCaller();
    resetRequest();
    return Ok{};
}

void IntakeSession::recordFormSteps()
{
    recordStep(m_recorder.callerDetailsTaken(!m_caller.name.trimmed().isEmpty(),
                                             !m_caller.phone.trimmed().isEmpty(),
                                             !m_caller.email.trimmed().isEmpty()));
    if (m_type)
        recordStep(m_recorder.answersChanged(*m_type, m_answers));
    if (m_location && !m_outsideCity)
        recordStep(m_recorder.locationSet(*m_location, false, QString()));
}

void IntakeSession::recordReadBack(const QString &number, const QString &requestId)
{
    recordStep(m_recorder.readBack(number, requestId));
}

Status IntakeSession::recordArticleOpened(const QString &articleId)
{
    if (!contactRunning())
        return Ok{};
    return m_service.recordArticleOpened(m_contactId, articleId);
}

Status IntakeSession::recordUnansweredSearch(const QString &query, const QString &language)
{
    if (!contactRunning())
        return Ok{};
    return m_service.recordUnansweredSearch(m_contactId, query, language);
}

void IntakeSession::recordStep(const Status &status)
{
    if (!status)
        emit stepNotRecorded(status.error().message);
}

} // namespace civicdesk
