#include "models/domain/contact.h"

#include <array>
#include <utility>

namespace civicdesk {

namespace {
constexpr std::array channelNames = {
    std::pair{Channel::Phone, u"phone"}, std::pair{Channel::WalkIn, u"walk_in"},
    std::pair{Channel::Email, u"email"}, std::pair{Channel::Web, u"web"},
    std::pair{Channel::Text, u"text"},   std::pair{Channel::Mail, u"mail"},
};
constexpr std::array outcomeNames = {
    std::pair{Outcome::InformationGiven, u"information_given"},
    std::pair{Outcome::RequestCreated, u"request_created"},
    std::pair{Outcome::AttachedToExisting, u"attached_to_existing"},
    std::pair{Outcome::WarmTransfer, u"warm_transfer"},
    std::pair{Outcome::ColdTransfer, u"cold_transfer"},
    std::pair{Outcome::Complaint, u"complaint"},
    std::pair{Outcome::CallerHungUp, u"caller_hung_up"},
    std::pair{Outcome::Referred, u"referred"},
};

constexpr std::array causeNames = {
    std::pair{CallEndCause::Normal, u"normal"},
    std::pair{CallEndCause::Missed, u"missed"},
    std::pair{CallEndCause::Busy, u"busy"},
    std::pair{CallEndCause::Rejected, u"rejected"},
    std::pair{CallEndCause::Transferred, u"transferred"},
    std::pair{CallEndCause::Failed, u"failed"},
};

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char16_t *>, N> &table, Enum value)
{
    for (const auto &[key, name] : table) {
        if (key == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char16_t *>, N> &table,
                            const QString &name)
{
    for (const auto &[key, text] : table) {
        if (name == QStringView(text))
            return key;
    }
    return std::nullopt;
}
} // namespace

QString channelName(Channel channel)
{
    return nameOf(channelNames, channel);
}

std::optional<Channel> channelFromName(const QString &name)
{
    return valueOf(channelNames, name);
}

QString outcomeName(Outcome outcome)
{
    return nameOf(outcomeNames, outcome);
}

std::optional<Outcome> outcomeFromName(const QString &name)
{
    return valueOf(outcomeNames, name);
}

QString callEndCauseName(CallEndCause cause)
{
    return nameOf(causeNames, cause);
}

std::optional<CallEndCause> callEndCauseFromName(const QString &name)
{
    if (name == u"abandoned" || name == u"no_answer")
        return CallEndCause::Missed;
    return valueOf(causeNames, name);
}

qint64 Contact::handleSeconds(const QDateTime &now) const
{
    if (!startedAt.isValid())
        return 0;
    return startedAt.secsTo(endedAt.isValid() ? endedAt : now);
}

} // namespace civicdesk
