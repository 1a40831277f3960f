#pragma once

#include <algorithm>
#include <vector>

namespace civicdesk::bench {

// The p-th percentile (0..1) of `values`, nearest rank; 0 for none.
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = size_t(p * double(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

} // namespace civicdesk::bench
